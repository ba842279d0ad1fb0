package io.cikit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link BuildPayloadParserContract} for a parser whose payloads state a build's status in two words (a progress
 * word and an outcome word, as Jenkins and GitHub Actions do), plus: its status mapping is total and follows a
 * {@link BuildStatusTable}, and a mutated sample it reports {@link BuildStatus#UNKNOWN} never carries an outcome word
 * the table maps.
 *
 * <p>A subclass passes what differs to the constructor (system, samples, how a body is parsed, the table) and may
 * add {@link #checkStatus} for what the table does not say (the raw status kept, when a build is complete). When it
 * overrides {@link #checkParsed} it calls {@code super.checkParsed}. Its class name must match the build's test
 * includes ({@code *Properties}, {@code *Test}).
 */
public abstract class BuildStatusContract extends BuildPayloadParserContract {
    private final String system;
    private final List<byte[]> samples;
    private final Function<byte[], BuildInfo> parse;
    private final BuildStatusTable table;

    /**
     * @param system the system every parsed build reports
     * @param samples valid payloads, at least one
     * @param parse parses one body as the parser's callers do (usually {@code body -> parser.parseBody(body).build()}),
     *     throwing {@link io.cikit.core.json.MalformedJsonException} when the body is not such a payload
     * @param table the two status words, where they are in a payload and what they stand for
     */
    protected BuildStatusContract(String system, List<byte[]> samples, Function<byte[], BuildInfo> parse,
            BuildStatusTable table) {
        this.system = Objects.requireNonNull(system, "system");
        this.samples = List.copyOf(samples);
        this.parse = Objects.requireNonNull(parse, "parse");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    protected final String system() {
        return system;
    }

    @Override
    protected final List<byte[]> samples() {
        return samples;
    }

    @Override
    protected final BuildInfo parse(byte[] body) {
        return parse.apply(body);
    }

    /** The table this contract checks against. */
    protected final BuildStatusTable table() {
        return table;
    }

    /** More checks on a build parsed from the sample carrying these two words; none by default. */
    protected void checkStatus(String progressWord, String outcomeWord, BuildInfo build) {
        // nothing more by default
    }

    /** A build reported {@link BuildStatus#UNKNOWN} never carries an outcome word the table maps. */
    @Override
    protected void checkParsed(BuildInfo build) {
        if (build.status() == BuildStatus.UNKNOWN) {
            assertThat(table.mapsOutcome(build.rawStatus())).as("UNKNOWN status with the mapped word '%s'",
                    build.rawStatus()).isFalse();
        }
    }

    @Property(tries = 500)
    public void statusMappingIsTotalAndFollowsTheTable(@ForAll("statusWords") String progressWord,
            @ForAll("statusWords") String outcomeWord) {
        BuildInfo build = parse(table.payload(progressWord, outcomeWord));

        assertThat(build.status()).as("progress '%s', outcome '%s'", progressWord, outcomeWord)
                .isEqualTo(table.expected(progressWord, outcomeWord));
        checkStatus(progressWord, outcomeWord, build);
    }

    @Provide
    protected Arbitrary<String> statusWords() {
        return table.words();
    }
}
