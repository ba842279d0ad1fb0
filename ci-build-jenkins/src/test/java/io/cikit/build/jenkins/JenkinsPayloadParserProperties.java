package io.cikit.build.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.build.jenkins.internal.JenkinsStatuses;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.testkit.WebhookArbitraries;
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
 * given, and its status mapping is total.
 */
class JenkinsPayloadParserProperties {
    private static final List<String> FIXTURES = List.of(Fixtures.FINALIZED, Fixtures.STARTED, Fixtures.SEED);
    private static final Map<String, BuildStatus> RESULTS = Map.of("SUCCESS", BuildStatus.SUCCESS, "UNSTABLE",
            BuildStatus.UNSTABLE, "FAILURE", BuildStatus.FAILURE, "ABORTED", BuildStatus.CANCELLED, "NOT_BUILT",
            BuildStatus.SKIPPED);
    private static final Map<String, BuildStatus> PHASES = Map.of("QUEUED", BuildStatus.PENDING, "STARTED",
            BuildStatus.IN_PROGRESS, "COMPLETED", BuildStatus.IN_PROGRESS);

    private final JenkinsPayloadParser parser = new JenkinsPayloadParser();

    @Property(tries = 400)
    void byteMutatedFixturesParseOrAreMalformed(@ForAll("byteMutated") byte[] body) {
        parsesOrIsMalformed(body);
    }

    @Property(tries = 600)
    void structurallyMutatedFixturesParseOrAreMalformed(@ForAll("structurallyMutated") byte[] body) {
        parsesOrIsMalformed(body);
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
    Arbitrary<byte[]> byteMutated() {
        return Arbitraries.of(FIXTURES).flatMap(f -> WebhookArbitraries.mutated(Fixtures.bytes(f)));
    }

    @Provide
    Arbitrary<byte[]> structurallyMutated() {
        return Arbitraries.of(FIXTURES).flatMap(f -> JsonMutations.mutated(Fixtures.bytes(f)));
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.of("QUEUED", "STARTED", "COMPLETED", "FINALIZED", "SUCCESS", "UNSTABLE", "FAILURE", "ABORTED",
                        "NOT_BUILT", "success", " Failure ", "", " ", "null", "RUNNING", "ÜNSTABLE"),
                Arbitraries.strings().ofMaxLength(20));
    }

    private void parsesOrIsMalformed(byte[] body) {
        try {
            BuildInfo b = parser.parseBody(body).build();
            assertThat(b.system()).isEqualTo("jenkins");
            assertThat(b.buildId()).isNotNull();
            if (b.status() == BuildStatus.UNKNOWN) {
                assertThat(RESULTS).doesNotContainKey(b.rawStatus().strip().toUpperCase(Locale.ROOT));
            }
        } catch (MalformedJsonException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
