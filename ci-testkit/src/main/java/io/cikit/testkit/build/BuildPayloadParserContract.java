package io.cikit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.testkit.WebhookArbitraries;
import io.cikit.testkit.json.JsonMutations;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every build-payload parser meets, as jqwik properties a parser's test class inherits: whatever is made
 * of its valid sample payloads, byte by byte ({@link WebhookArbitraries#mutated}) or shape by shape
 * ({@link JsonMutations#mutated}), the parser either returns a build of its system with a non-blank id, or refuses
 * the body with its documented {@link MalformedJsonException} (with a message). Any other exception fails.
 *
 * <p>A subclass supplies the system, samples and how one body is parsed (usually the parser's {@code parseBody});
 * {@link #checkParsed} adds its own invariants (a total status mapping, an id format). Its class name must match the
 * build's test includes ({@code *Properties}, {@code *Test}).
 */
public abstract class BuildPayloadParserContract {

    /** The system every parsed build reports ({@code jenkins}, {@code actions}, {@code gitlab-ci}). */
    protected abstract String system();

    /** Valid payloads, JSON bodies, at least one. */
    protected abstract List<byte[]> samples();

    /**
     * Parses one body as the parser's callers do.
     *
     * @throws MalformedJsonException when the body is not such a payload
     */
    protected abstract BuildInfo parse(byte[] body);

    /** More checks on every build parsed from a mutated sample; none by default. */
    protected void checkParsed(BuildInfo build) {
        // nothing more by default
    }

    @Property(tries = 400)
    public void byteMutatedSamplesParseOrAreMalformed(@ForAll("byteMutatedSamples") byte[] body) {
        parsesOrIsMalformed(body);
    }

    @Property(tries = 600)
    public void structurallyMutatedSamplesParseOrAreMalformed(@ForAll("structurallyMutatedSamples") byte[] body) {
        parsesOrIsMalformed(body);
    }

    @Provide
    protected Arbitrary<byte[]> byteMutatedSamples() {
        return Arbitraries.of(checkedSamples()).flatMap(WebhookArbitraries::mutated);
    }

    @Provide
    protected Arbitrary<byte[]> structurallyMutatedSamples() {
        return Arbitraries.of(checkedSamples()).flatMap(JsonMutations::mutated);
    }

    private List<byte[]> checkedSamples() {
        List<byte[]> samples = samples();
        assertThat(samples).as("samples()").isNotEmpty();
        return samples;
    }

    private void parsesOrIsMalformed(byte[] body) {
        try {
            BuildInfo build = parse(body);
            assertThat(build.system()).isEqualTo(system());
            assertThat(build.buildId()).isNotBlank();
            checkParsed(build);
        } catch (MalformedJsonException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
