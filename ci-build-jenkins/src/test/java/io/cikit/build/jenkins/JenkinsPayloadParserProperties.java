package io.cikit.build.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.build.jenkins.internal.JenkinsStatuses;
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
 * The Jenkins parser never fails with anything but its documented {@link MalformedJsonException}, whatever it is
 * given (the test kit's {@link BuildPayloadParserContract} over the three payload shapes), and its status mapping is
 * total.
 */
class JenkinsPayloadParserProperties extends BuildPayloadParserContract {
    private static final List<String> FIXTURES = List.of(Fixtures.FINALIZED, Fixtures.STARTED, Fixtures.SEED);
    private static final Map<String, BuildStatus> RESULTS = Map.of("SUCCESS", BuildStatus.SUCCESS, "UNSTABLE",
            BuildStatus.UNSTABLE, "FAILURE", BuildStatus.FAILURE, "ABORTED", BuildStatus.CANCELLED, "NOT_BUILT",
            BuildStatus.SKIPPED);
    private static final Map<String, BuildStatus> PHASES = Map.of("QUEUED", BuildStatus.PENDING, "STARTED",
            BuildStatus.IN_PROGRESS, "COMPLETED", BuildStatus.IN_PROGRESS);

    private final JenkinsPayloadParser parser = new JenkinsPayloadParser();

    @Override
    protected String system() {
        return JenkinsPayloadParser.SYSTEM;
    }

    @Override
    protected List<byte[]> samples() {
        return FIXTURES.stream().map(Fixtures::bytes).toList();
    }

    @Override
    protected BuildInfo parse(byte[] body) {
        return parser.parseBody(body).build();
    }

    /** A build reported UNKNOWN never carries one of the results the table maps. */
    @Override
    protected void checkParsed(BuildInfo b) {
        if (b.status() == BuildStatus.UNKNOWN) {
            assertThat(RESULTS).doesNotContainKey(b.rawStatus().strip().toUpperCase(Locale.ROOT));
        }
    }

    @Property(tries = 500)
    void statusMappingIsTotalAndFollowsTheTable(@ForAll("words") String phase, @ForAll("words") String result) {
        ObjectNode json = Fixtures.tree(Fixtures.FINALIZED);
        ObjectNode build = (ObjectNode) json.get("build");
        build.put("phase", phase);
        build.put("status", result);

        BuildInfo b = parser.parseBody(Json.write(json)).build();

        String r = result.strip().toUpperCase(Locale.ROOT);
        String p = phase.strip().toUpperCase(Locale.ROOT);
        BuildStatus expected = !r.isEmpty() ? RESULTS.getOrDefault(r, BuildStatus.UNKNOWN)
                : PHASES.getOrDefault(p, BuildStatus.UNKNOWN);
        assertThat(b.status()).isEqualTo(expected);
        assertThat(JenkinsStatuses.of(result, phase)).isEqualTo(expected);
        assertThat(b.rawStatus()).isEqualTo(!r.isEmpty() ? result.strip() : p);
        // a blank phase counts as none: such a report is complete once its status is final
        assertThat(b.complete()).isEqualTo(p.isEmpty() ? expected.isFinal() : p.equals("FINALIZED"));
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.of("QUEUED", "STARTED", "COMPLETED", "FINALIZED", "SUCCESS", "UNSTABLE", "FAILURE", "ABORTED",
                        "NOT_BUILT", "success", " Failure ", "", " ", "null", "RUNNING", "ÜNSTABLE"),
                Arbitraries.strings().ofMaxLength(20));
    }
}
