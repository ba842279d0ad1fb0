package io.cikit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryResultHistoryTest extends ResultHistoryContract {

    @Override
    ResultHistory newHistory() {
        return new InMemoryResultHistory();
    }

    @Test
    void keepsOnlyTheLastRunsOfEachContext() {
        InMemoryResultHistory history = new InMemoryResultHistory(3);
        for (int i = 1; i <= 10; i++) {
            history.append(Runs.run(Runs.RPI4, i, "a=PASS"));
        }
        history.append(Runs.run(Runs.QEMU, 1, "a=PASS"));

        assertThat(history.recentRuns(Runs.RPI4, 100)).extracting(RunRecord::commitSha).containsExactly("c8", "c9", "c10");
        assertThat(history.size()).isEqualTo(4);
        assertThatThrownBy(() -> new InMemoryResultHistory(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
