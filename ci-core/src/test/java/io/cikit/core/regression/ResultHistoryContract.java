package io.cikit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ResultHistory} must do; each store's test extends this. */
abstract class ResultHistoryContract {

    /** A new, empty store. */
    abstract ResultHistory newHistory();

    @Test
    void recentRunsAreTheLastNOfTheContextOldestFirst() {
        ResultHistory history = newHistory();
        for (int i = 1; i <= 5; i++) {
            history.append(Runs.run(Runs.RPI4, i, "a=PASS"));
            history.append(Runs.run(Runs.QEMU, 100 + i, "a=FAIL"));
        }

        assertThat(history.recentRuns(Runs.RPI4, 3)).extracting(RunRecord::commitSha).containsExactly("c3", "c4", "c5");
        assertThat(history.recentRuns(Runs.QEMU, 100)).hasSize(5);
        assertThat(history.recentRuns(Runs.RPI4, 0)).isEmpty();
        assertThat(history.recentRuns(RunContext.builder().boardType("none").build(), 3)).isEmpty();
        assertThat(history.contexts()).containsExactly(Runs.RPI4, Runs.QEMU);
    }

    @Test
    void statusesLeaveOutRunsWhereTheTestDidNotRun() {
        ResultHistory history = newHistory();
        history.append(Runs.run(Runs.RPI4, 1, "a=PASS", "b=PASS"));
        history.append(Runs.run(Runs.RPI4, 2, "b=FAIL"));
        history.append(Runs.run(Runs.RPI4, 3, "a=FAIL", "b=SKIP"));

        List<StatusPoint> a = history.statuses(SeriesKey.status(Runs.RPI4, "a"), 10);

        assertThat(a).extracting(StatusPoint::commitSha).containsExactly("c1", "c3");
        assertThat(a).extracting(StatusPoint::outcome).containsExactly(Outcome.PASS, Outcome.FAIL);
        assertThat(history.statuses(SeriesKey.status(Runs.RPI4, "b"), 2)).extracting(StatusPoint::outcome)
                .containsExactly(Outcome.FAIL, Outcome.SKIP);
    }

    @Test
    void valuesAndValuesBetweenTwoCommits() {
        ResultHistory history = newHistory();
        for (int i = 1; i <= 6; i++) {
            history.append(Runs.timed(Runs.RPI4, i, 10 + i));
        }
        SeriesKey boot = SeriesKey.metric(Runs.RPI4, "boot", "time");

        assertThat(history.values(boot, 2)).extracting(MetricSample::value).containsExactly(15.0, 16.0);
        assertThat(history.valuesBetween(boot, "c2", "c4")).extracting(MetricSample::commitSha).containsExactly("c3", "c4");
        assertThat(history.valuesBetween(boot, "c4", "c2")).isEmpty();
        assertThat(history.valuesBetween(boot, "nope", "c4")).isEmpty();
        assertThat(history.values(SeriesKey.metric(Runs.RPI4, "boot", "other"), 5)).isEmpty();
    }

    @Test
    void negativeLimitsAreRejected() {
        ResultHistory history = newHistory();
        assertThatThrownBy(() -> history.recentRuns(Runs.RPI4, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.values(SeriesKey.metric(Runs.RPI4, "boot", "time"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returnedListsAreImmutableSnapshots() {
        ResultHistory history = newHistory();
        history.append(Runs.run(Runs.RPI4, 1, "a=PASS"));
        List<RunRecord> snapshot = history.recentRuns(Runs.RPI4, 10);

        history.append(Runs.run(Runs.RPI4, 2, "a=PASS"));

        assertThat(snapshot).hasSize(1);
        assertThatThrownBy(() -> snapshot.add(Runs.run(Runs.RPI4, 3))).isInstanceOf(UnsupportedOperationException.class);
    }
}
