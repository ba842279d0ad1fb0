package io.cikit.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ResultParserPropertiesTest {

    @Property(tries = 300)
    void anyTextEitherParsesOrFailsWithResultFormatException(@ForAll String text) {
        for (ResultFormat f : ResultFormat.values()) {
            try {
                TestResults r = ResultParser.of(f).parse(text);
                assertThat(r.summary().total()).isEqualTo(r.results().size());
            } catch (ResultFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 300)
    void anyBytesEitherParseOrFailWithResultFormatException(@ForAll @Size(max = 2000) byte[] bytes) {
        for (ResultFormat f : ResultFormat.values()) {
            try {
                ResultParser.of(f).parse(new ByteArrayInputStream(bytes));
            } catch (ResultFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 500)
    void tapShapedNoiseNeverThrowsAndStaysWithinLimits(@ForAll("tapSoup") List<String> lines) {
        ResultLimits limits = new ResultLimits(1 << 20, 10_000, 256, 200, 6, 256, 20);
        String text = String.join("\n", lines);

        for (ResultFormat f : List.of(ResultFormat.KTAP, ResultFormat.TAP)) {
            TestResults r = ResultParser.of(f, limits).parse(text);

            assertThat(r.results()).hasSizeLessThanOrEqualTo(limits.maxResults());
            assertThat(r.results()).allSatisfy(t -> {
                assertThat(t.path()).isNotNull();
                assertThat(t.message().orElse("")).hasSizeLessThanOrEqualTo(limits.maxMessageChars());
            });
        }
    }

    @Property(tries = 300)
    void renderedKtapParsesBackToTheSamePathsAndStatuses(@ForAll long seed) {
        List<Tree> tests = randomTrees(new Random(seed), 0);
        String ktap = KtapRenderer.render(tests);

        TestResults r = ResultParser.ktap().parse(ktap);

        assertThat(r.results()).extracting(TestResult::path).containsExactlyElementsOf(KtapRenderer.paths(tests));
        assertThat(r.results()).extracting(TestResult::status).containsExactlyElementsOf(KtapRenderer.statuses(tests));
        assertThat(ResultParser.auto().parse(ktap).format()).isEqualTo(ResultFormat.KTAP);
    }

    @Property(tries = 300)
    void aTruncatedKtapStreamKeepsEveryVerdictItDidReadAndMarksTheRestAsErrors(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 1000) int cutPercent) {
        List<Tree> tests = randomTrees(new Random(seed), 0);
        String ktap = KtapRenderer.render(tests);
        String[] lines = ktap.split("\n");
        int keep = (int) ((long) lines.length * cutPercent / 1000);
        String cut = String.join("\n", java.util.Arrays.copyOf(lines, keep));

        TestResults full = ResultParser.ktap().parse(ktap);
        TestResults partial = ResultParser.ktap().parse(cut);

        List<String> fullVerdicts = full.results().stream().map(t -> t.path() + "=" + t.status()).toList();
        assertThat(partial.results()).allSatisfy(t -> {
            if (t.status() != TestStatus.ERROR) {
                assertThat(fullVerdicts).contains(t.path() + "=" + t.status());
            }
        });
        long readVerdicts = partial.results().stream().filter(t -> t.status() != TestStatus.ERROR).count();
        assertThat(readVerdicts).isLessThanOrEqualTo(full.results().size());
    }

    @Provide
    Arbitrary<List<String>> tapSoup() {
        Arbitrary<String> indent = Arbitraries.of("", "  ", "    ", "\t", "        ", "# ", "# # ", "[    1.000000] ");
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.of("KTAP version 1", "TAP version 13", "TAP version 14", "Bail out! gone", "---", "...",
                        "  message: x", "  duration_ms: 12", "pragma +strict", "", "#", "# Subtest: s", "1..0 # SKIP"),
                Arbitraries.integers().between(0, 3_000_000).map(n -> "1.." + n),
                Arbitraries.integers().between(-1, 20).map(n -> "ok " + n + " t" + n),
                Arbitraries.integers().between(0, 20).map(n -> "not ok " + n + " - t" + n + " # SKIP why"),
                Arbitraries.strings().ofMaxLength(30).map(s -> "ok 1 " + s),
                Arbitraries.strings().ofMaxLength(30).map(s -> "# " + s),
                Arbitraries.strings().ofMaxLength(30));
        return net.jqwik.api.Combinators.combine(indent, body).as(String::concat).list().ofMaxSize(80);
    }

    private static List<Tree> randomTrees(Random rnd, int depth) {
        int n = 1 + rnd.nextInt(depth == 0 ? 4 : 5);
        List<Tree> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = randomName(rnd);
            if (depth < 3 && rnd.nextInt(3) == 0) {
                out.add(new Tree(name, null, randomTrees(rnd, depth + 1)));
            } else {
                out.add(new Tree(name, TestStatus.values()[rnd.nextInt(4)], List.of()));
            }
        }
        return out;
    }

    private static String randomName(Random rnd) {
        String first = "abcdefghijklmnopqrstuvwxyz_";
        String rest = first + "0123456789";
        StringBuilder sb = new StringBuilder().append(first.charAt(rnd.nextInt(first.length())));
        for (int i = rnd.nextInt(9); i > 0; i--) {
            sb.append(rest.charAt(rnd.nextInt(rest.length())));
        }
        return sb.toString();
    }

    /** A test in a generated hierarchy: a leaf with a status, or a suite with children. */
    record Tree(String name, TestStatus status, List<Tree> children) {
    }

    /** Writes a hierarchy as KUnit-style KTAP: 4-space indentation, "# Subtest:" headers, a plan per level. */
    static final class KtapRenderer {
        static String render(List<Tree> tests) {
            StringBuilder sb = new StringBuilder();
            sb.append("KTAP version 1\n");
            block(tests, "", sb);
            return sb.toString();
        }

        private static void block(List<Tree> tests, String indent, StringBuilder sb) {
            sb.append(indent).append("1..").append(tests.size()).append('\n');
            for (int i = 0; i < tests.size(); i++) {
                Tree t = tests.get(i);
                if (t.children().isEmpty()) {
                    sb.append(indent).append(switch (t.status()) {
                        case PASS -> "ok " + (i + 1) + " " + t.name();
                        case FAIL -> "not ok " + (i + 1) + " " + t.name();
                        case SKIP -> "ok " + (i + 1) + " " + t.name() + " # SKIP not here";
                        case ERROR -> "not ok " + (i + 1) + " " + t.name() + " # ERROR broke";
                    }).append('\n');
                } else {
                    String inner = indent + "    ";
                    sb.append(inner).append("KTAP version 1\n");
                    sb.append(inner).append("# Subtest: ").append(t.name()).append('\n');
                    block(t.children(), inner, sb);
                    sb.append(indent).append(bad(t) ? "not ok " : "ok ").append(i + 1).append(' ').append(t.name())
                            .append('\n');
                }
            }
        }

        private static boolean bad(Tree t) {
            return t.children().isEmpty() ? t.status().isBad() : t.children().stream().anyMatch(KtapRenderer::bad);
        }

        static List<String> paths(List<Tree> tests) {
            List<String> out = new ArrayList<>();
            walk(tests, "", out, null);
            return out;
        }

        static List<TestStatus> statuses(List<Tree> tests) {
            List<TestStatus> out = new ArrayList<>();
            walk(tests, "", null, out);
            return out;
        }

        private static void walk(List<Tree> tests, String prefix, List<String> paths, List<TestStatus> statuses) {
            for (Tree t : tests) {
                String p = prefix.isEmpty() ? t.name() : prefix + "." + t.name();
                if (t.children().isEmpty()) {
                    if (paths != null) {
                        paths.add(p);
                    }
                    if (statuses != null) {
                        statuses.add(t.status());
                    }
                } else {
                    walk(t.children(), p, paths, statuses);
                }
            }
        }
    }
}
