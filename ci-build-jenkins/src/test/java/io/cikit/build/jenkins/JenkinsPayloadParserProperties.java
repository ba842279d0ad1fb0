package io.cikit.build.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.build.jenkins.internal.JenkinsStatuses;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.testkit.build.BuildStatusContract;
import io.cikit.testkit.build.BuildStatusTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Jenkins parser never fails with anything but its documented {@link MalformedJsonException}, whatever it is
 * given (the test kit's {@link BuildStatusContract} over the three payload shapes), and its status mapping
 * ({@code phase}, then {@code status}) is total.
 */
class JenkinsPayloadParserProperties extends BuildStatusContract {
    private static final JenkinsPayloadParser PARSER = new JenkinsPayloadParser();
    private static final BuildStatusTable TABLE = BuildStatusTable
            .builder(Fixtures.bytes(Fixtures.FINALIZED), "build", "phase", "status")
            .progress(Map.of("QUEUED", BuildStatus.PENDING, "STARTED", BuildStatus.IN_PROGRESS, "COMPLETED",
                    BuildStatus.IN_PROGRESS))
            .outcomes(Map.of("SUCCESS", BuildStatus.SUCCESS, "UNSTABLE", BuildStatus.UNSTABLE, "FAILURE",
                    BuildStatus.FAILURE, "ABORTED", BuildStatus.CANCELLED, "NOT_BUILT", BuildStatus.SKIPPED))
            .normalise(word -> word.strip().toUpperCase(Locale.ROOT))
            .otherWords("FINALIZED", "RUNNING", "ÜNSTABLE")
            .build();

    JenkinsPayloadParserProperties() {
        super(JenkinsPayloadParser.SYSTEM, List.of(Fixtures.bytes(Fixtures.FINALIZED), Fixtures.bytes(Fixtures.STARTED),
                Fixtures.bytes(Fixtures.SEED)), body -> PARSER.parseBody(body).build(), TABLE);
    }

    /**
     * The raw status is the result when there is one, else the phase; a blank phase counts as none, so such a report
     * is complete once its status is final.
     */
    @Override
    protected void checkStatus(String phase, String result, BuildInfo b) {
        String p = table().normalise(phase);
        assertThat(JenkinsStatuses.of(result, phase)).isEqualTo(b.status());
        assertThat(b.rawStatus()).isEqualTo(result.isBlank() ? p : result.strip());
        assertThat(b.complete()).isEqualTo(p.isEmpty() ? b.status().isFinal() : p.equals("FINALIZED"));
    }
}
