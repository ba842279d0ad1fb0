package io.cikit.build.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.build.actions.internal.ActionsStatuses;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.testkit.build.BuildStatusContract;
import io.cikit.testkit.build.BuildStatusTable;
import java.util.List;
import java.util.Map;

/**
 * The Actions parser fails only with its documented {@link MalformedJsonException} (the test kit's
 * {@link BuildStatusContract} over a run and a job payload); its status mapping ({@code status}, then
 * {@code conclusion}) is total.
 */
class ActionsPayloadParserProperties extends BuildStatusContract {
    private static final ActionsPayloadParser PARSER = new ActionsPayloadParser();
    private static final BuildStatusTable TABLE = BuildStatusTable
            .builder(Fixtures.bytes(Fixtures.RUN), "workflow_run", "status", "conclusion")
            .progress(Map.of("requested", BuildStatus.PENDING, "queued", BuildStatus.PENDING, "waiting",
                    BuildStatus.PENDING, "pending", BuildStatus.PENDING, "in_progress", BuildStatus.IN_PROGRESS))
            .outcomes(Map.of("success", BuildStatus.SUCCESS, "neutral", BuildStatus.SUCCESS, "failure",
                    BuildStatus.FAILURE, "timed_out", BuildStatus.FAILURE, "startup_failure", BuildStatus.FAILURE,
                    "cancelled", BuildStatus.CANCELLED, "stale", BuildStatus.CANCELLED, "skipped", BuildStatus.SKIPPED))
            .otherWords("completed", "action_required")
            .build();

    ActionsPayloadParserProperties() {
        super(ActionsPayloadParser.SYSTEM, List.of(Fixtures.bytes(Fixtures.RUN), Fixtures.bytes(Fixtures.JOB)),
                body -> PARSER.parseBody(body).build(), TABLE);
    }

    /**
     * Ids are {@code <owner/repo>/actions/…}, or {@code actions/…} when a mutation took the repository's name away.
     */
    @Override
    protected void checkParsed(BuildInfo b) {
        super.checkParsed(b);
        assertThat(b.buildId()).matches("(.+/)?actions/.+");
    }

    /** The raw status is the conclusion when there is one; a run is complete once concluded or {@code completed}. */
    @Override
    protected void checkStatus(String status, String conclusion, BuildInfo b) {
        assertThat(ActionsStatuses.of(status, conclusion)).isEqualTo(b.status());
        assertThat(b.rawStatus()).isEqualTo(conclusion.isBlank() ? status : conclusion);
        assertThat(b.complete()).isEqualTo(!conclusion.isBlank() || table().normalise(status).equals("completed"));
    }
}
