package io.cikit.build.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.build.actions.internal.ActionsStatuses;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.testkit.build.BuildPayloadParserContract;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Actions parser fails only with its documented {@link MalformedJsonException} (the test kit's
 * {@link BuildPayloadParserContract} over a run and a job payload); its status mapping is total.
 */
class ActionsPayloadParserProperties extends BuildPayloadParserContract {
    private static final List<String> FIXTURES = List.of(Fixtures.RUN, Fixtures.JOB);
    private static final Map<String, BuildStatus> CONCLUSIONS = Map.of("success", BuildStatus.SUCCESS, "neutral",
            BuildStatus.SUCCESS, "failure", BuildStatus.FAILURE, "timed_out", BuildStatus.FAILURE, "startup_failure",
            BuildStatus.FAILURE, "cancelled", BuildStatus.CANCELLED, "stale", BuildStatus.CANCELLED, "skipped",
            BuildStatus.SKIPPED);
    private static final Map<String, BuildStatus> STATUSES = Map.of("requested", BuildStatus.PENDING, "queued",
            BuildStatus.PENDING, "waiting", BuildStatus.PENDING, "pending", BuildStatus.PENDING, "in_progress",
            BuildStatus.IN_PROGRESS);

    private final ActionsPayloadParser parser = new ActionsPayloadParser();

    @Override
    protected String system() {
        return ActionsPayloadParser.SYSTEM;
    }

    @Override
    protected List<byte[]> samples() {
        return FIXTURES.stream().map(Fixtures::bytes).toList();
    }

    @Override
    protected BuildInfo parse(byte[] body) {
        return parser.parseBody(body).build();
    }

    /**
     * Ids are {@code <owner/repo>/actions/…}, or {@code actions/…} when a mutation took the repository's name away;
     * a build reported UNKNOWN with a word never carries one of the conclusions the table maps.
     */
    @Override
    protected void checkParsed(BuildInfo b) {
        assertThat(b.buildId()).matches("(.+/)?actions/.+");
        if (b.status() == BuildStatus.UNKNOWN && !b.rawStatus().isBlank()) {
            assertThat(CONCLUSIONS).doesNotContainKey(b.rawStatus().strip().toLowerCase(Locale.ROOT));
        }
    }

    @Property(tries = 500)
    void statusMappingIsTotalAndFollowsTheTable(@ForAll("words") String status, @ForAll("words") String conclusion) {
        ObjectNode json = Fixtures.tree(Fixtures.RUN);
        ObjectNode run = (ObjectNode) json.get("workflow_run");
        run.put("status", status);
        run.put("conclusion", conclusion);

        BuildInfo b = parser.parseBody(Json.write(json)).build();

        String c = conclusion.strip().toLowerCase(Locale.ROOT);
        String s = status.strip().toLowerCase(Locale.ROOT);
        BuildStatus expected = !c.isEmpty() ? CONCLUSIONS.getOrDefault(c, BuildStatus.UNKNOWN)
                : STATUSES.getOrDefault(s, BuildStatus.UNKNOWN);
        assertThat(b.status()).isEqualTo(expected);
        assertThat(ActionsStatuses.of(status, conclusion)).isEqualTo(expected);
        assertThat(b.rawStatus()).isEqualTo(conclusion.isBlank() ? status : conclusion);
        assertThat(b.complete()).isEqualTo(!c.isEmpty() || s.equals("completed"));
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.of("requested", "queued", "waiting", "pending", "in_progress", "completed", "success",
                        "neutral", "failure", "timed_out", "startup_failure", "cancelled", "stale", "skipped",
                        "action_required", "SUCCESS", " failure ", "", " ", "null"),
                Arbitraries.strings().ofMaxLength(20));
    }
}
