package io.cikit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class JsonProjectionTest {
    private static final JsonProjection PERSON = JsonProjection.fields("login", "name");
    private static final JsonProjection EVENT = JsonProjection.fields("ref", "n", "head_commit_sha", "compare_url")
            .with("sender", PERSON)
            .with("labels", JsonProjection.elements(JsonProjection.fields("name")))
            .with("added", JsonProjection.elements(JsonProjection.SCALAR));

    @Test
    void keepsOnlyTheProjectedFieldsWithTheNodesAFullReadGives() {
        JsonNode projected = read("{\"ref\":\"refs/heads/main\",\"n\":12345678901,\"big\":{\"deep\":[1,2,3]},"
                + "\"sender\":{\"login\":\"octo\",\"id\":1,\"name\":null},\"labels\":[{\"name\":\"bug\",\"color\":\"f00\"},7],"
                + "\"added\":[\"a\",{\"x\":1},[2],3.5]}");

        assertThat(projected).isEqualTo(Json.read(("{\"ref\":\"refs/heads/main\",\"n\":12345678901,"
                + "\"sender\":{\"login\":\"octo\",\"name\":null},\"labels\":[{\"name\":\"bug\"},7],"
                + "\"added\":[\"a\",{},[],3.5]}").getBytes(StandardCharsets.UTF_8)));
        assertThat(projected.get("n").isLong()).isTrue();
        assertThat(projected.get("added").get(3).isDouble()).isTrue();
    }

    @Test
    void aContainerWhereAScalarIsProjectedIsKeptEmptyAndAScalarWhereAnObjectIsProjectedIsKeptAsIs() {
        JsonNode projected = read("{\"ref\":{\"a\":1},\"sender\":\"octo\",\"labels\":{\"name\":\"x\"},\"added\":\"a\"}");

        assertThat(projected.get("ref").isObject()).isTrue();
        assertThat(projected.get("ref").size()).isZero();
        assertThat(projected.get("sender").asText()).isEqualTo("octo");
        assertThat(projected.get("labels").isObject()).isTrue();
        assertThat(projected.get("labels").size()).isZero();
        assertThat(projected.get("added").asText()).isEqualTo("a");
    }

    @Test
    void theLastOfDuplicateNamesWinsAsInAFullRead() {
        JsonNode projected = read("{\"sender\":{\"login\":\"first\",\"name\":\"kept?\"},\"ref\":\"a\",\"sender\":{\"login\":\"second\"},"
                + "\"ref\":\"b\"}");

        assertThat(projected.get("ref").asText()).isEqualTo("b");
        assertThat(projected.get("sender")).isEqualTo(Json.read("{\"login\":\"second\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void declinesWhatTheFullReadMustDecide() {
        JsonLimits limits = JsonLimits.DEFAULT;
        for (String body : new String[] {"", " ", "[]", "null", "\"x\"", "{\"ref\":\"a\"} {}", "{\"ref\":\"a\"} x",
                "{\"ref\":", "{\"ref\":\"a\",}", "{'ref':'a'}", "{\"ref\":01}", "{\"ref\":\"a\u0001\"}", "{\"a\":NaN}"}) {
            assertThat(EVENT.read(body.getBytes(StandardCharsets.UTF_8), limits)).as(body).isEmpty();
        }
        assertThat(EVENT.read("{\"a\":[[[1]]]}".getBytes(StandardCharsets.UTF_8), new JsonLimits(2, 100, 100, 100)))
                .as("nesting").isEmpty();
        assertThat(EVENT.read("{\"a\":12345}".getBytes(StandardCharsets.UTF_8), new JsonLimits(10, 100, 100, 3)))
                .as("number length").isEmpty();
        assertThat(EVENT.read("{\"abcdef\":1}".getBytes(StandardCharsets.UTF_8), new JsonLimits(10, 100, 3, 100)))
                .as("name length").isEmpty();
        assertThat(EVENT.read("{\"a\":\"xyzuvw\"}".getBytes(StandardCharsets.UTF_8), new JsonLimits(10, 5, 100, 100)))
                .as("a skipped string over the string limit").isEmpty();
        assertThat(EVENT.read("{\"a\":\"xyzuv\"}".getBytes(StandardCharsets.UTF_8), new JsonLimits(10, 5, 100, 100)))
                .as("a skipped string at the string limit").isPresent();
        assertThat(EVENT.read("{\"ref\":\"a\"}".getBytes(StandardCharsets.UTF_16LE), limits)).as("UTF-16").isEmpty();
    }

    @Test
    void readsUtf8WithABomAndNonAsciiText() {
        byte[] body = ("\uFEFF{\"ref\":\"caf\u00e9 \uD83D\uDE80\",\"x\":\"\u5f20\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(EVENT.read(body, JsonLimits.DEFAULT)).hasValueSatisfying(
                tree -> assertThat(tree.get("ref").asText()).isEqualTo("caf\u00e9 \uD83D\uDE80"));
    }

    @Test
    void declinesWhatIsNotWellFormedUtf8AndReadsWhatIs() {
        int[][] bad = {{0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF}, {0xED, 0xA0, 0x80},
            {0xED, 0xBF, 0xBF}, {0xF0, 0x80, 0x80, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0x80},
            {0xBF}, {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xC3, 0x41}, {0xFF}, {0xFE}};
        for (int[] sequence : bad) {
            for (String field : new String[] {"ref", "skipped"}) {
                assertThat(EVENT.read(withBytesInString(field, sequence), JsonLimits.DEFAULT))
                        .as("%s in %s", Arrays.toString(sequence), field).isEmpty();
            }
        }
        int[][] good = {{0xC2, 0x80}, {0xDF, 0xBF}, {0xE0, 0xA0, 0x80}, {0xED, 0x9F, 0xBF}, {0xEE, 0x80, 0x80},
            {0xEF, 0xBF, 0xBF}, {0xF0, 0x90, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}};
        for (int[] sequence : good) {
            byte[] body = withBytesInString("ref", sequence);
            assertThat(EVENT.read(body, JsonLimits.DEFAULT)).as(Arrays.toString(sequence))
                    .contains((ObjectNode) Json.read(body));
        }
    }

    @Test
    void decodesEscapesInKeptStringsAndNamesAsJacksonDoes() {
        JsonNode projected = read("{\"r\\u0065f\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\ude80\\uDC00\",\"x\\\"\":[1]}");

        assertThat(projected.get("ref").asText()).isEqualTo("a\"b\\c/d\b\f\n\r\t\u00e9\uD83D\uDE80\uDC00");
        assertThat(projected.size()).isEqualTo(1);
    }

    @Test
    void findsNamesLongerThanAWordAndNotTheirNearMisses() {
        JsonNode projected = read("{\"head_commit_shb\":1,\"head_commit_sh\":2,\"head_commit_sha\":3,\"compare_urL\":4,"
                + "\"compare_url\":5,\"head_commit_sha_\":6}");

        assertThat(projected).isEqualTo(Json.read("{\"head_commit_sha\":3,\"compare_url\":5}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void makesTheNumberNodesAFullReadMakes() {
        String body = "{\"added\":[0,-0,2147483647,2147483648,-2147483648,-2147483649,9223372036854775807,"
                + "9223372036854775808,-9223372036854775808,-9223372036854775809,123456789012345678901234567890,"
                + "1.5,-0.0,1e3,1E+3,2.5e-3,1e400,0.1]}";

        JsonNode projected = read(body);

        assertThat(projected).isEqualTo(EVENT.applyTo(Json.read(body.getBytes(StandardCharsets.UTF_8))));
        assertThat(projected.get("added").get(1).isInt()).isTrue();
        assertThat(projected.get("added").get(3).isLong()).isTrue();
        assertThat(projected.get("added").get(7).isBigInteger()).isTrue();
        assertThat(projected.get("added").get(8).isLong()).isTrue();
        assertThat(projected.get("added").get(12).isDouble()).isTrue();
    }

    @Test
    void skipsDeepDocumentsWithinTheLimitAndDeclinesPastIt() {
        String deep = "[".repeat(60) + "]".repeat(60);
        JsonLimits limits = new JsonLimits(70, 100, 100, 100);

        assertThat(EVENT.read(("{\"x\":" + deep + ",\"ref\":\"a\"}").getBytes(StandardCharsets.UTF_8), limits))
                .hasValueSatisfying(tree -> assertThat(tree.get("ref").asText()).isEqualTo("a"));
        assertThat(EVENT.read(("{\"x\":[" + deep + "],\"ref\":\"a\"}").getBytes(StandardCharsets.UTF_8),
                new JsonLimits(61, 100, 100, 100))).as("depth 62 over a limit of 61").isEmpty();
    }

    @Test
    void passesEveryKindOfWhitespaceAndDeclinesOtherControlBytesBetweenTokens() {
        String spaced = "{ \"ref\" :  \"a\" ,\t\"x\":\r\n [ 1 ,2 ]" + " ".repeat(17) + "\n}" + " ".repeat(9);
        assertThat(read(spaced).get("ref").asText()).isEqualTo("a");
        assertThat(EVENT.read(("{\"ref\":\"a\"}" + " ".repeat(12) + "\u000b").getBytes(StandardCharsets.UTF_8),
                JsonLimits.DEFAULT)).as("a vertical tab is not JSON whitespace").isEmpty();
        assertThat(EVENT.read(("{\"ref\":" + " ".repeat(7) + "\u0000\"a\"}").getBytes(StandardCharsets.UTF_8),
                JsonLimits.DEFAULT)).as("NUL after a run of spaces").isEmpty();
    }

    /** The eight-byte string test must find exactly the first byte that ends a plain run, or report none. */
    @Property(tries = 3000)
    void theWordTestFlagsExactlyTheFirstQuoteBackslashControlOrNonAsciiByte(@ForAll("words") long word) {
        int first = -1;
        for (int k = 0; k < Long.BYTES && first < 0; k++) {
            int c = (int) (word >>> (k * Byte.SIZE)) & 0xFF;
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
                first = k;
            }
        }

        long hits = ProjectionReader.special(word);

        if (first < 0) {
            assertThat(hits).isZero();
        } else {
            assertThat(Long.numberOfTrailingZeros(hits) >>> 3).isEqualTo(first);
        }
    }

    @Provide
    Arbitrary<Long> words() {
        // bytes at and around every boundary the test draws, plus any byte
        Arbitrary<Integer> edge = Arbitraries.of(0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F,
                0x80, 0x81, 0xA0, 0xDC, 0xFE, 0xFF);
        Arbitrary<Integer> plain = Arbitraries.integers().between(0x23, 0x5B);
        Arbitrary<Integer> one = Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(1, edge),
                Tuple.of(1, Arbitraries.integers().between(0, 0xFF)));
        return one.list().ofSize(Long.BYTES).map(bytes -> {
            long w = 0;
            for (int k = 0; k < Long.BYTES; k++) {
                w |= (long) bytes.get(k) << (k * Byte.SIZE);
            }
            return w;
        });
    }

    @Property(tries = 400)
    void aWellFormedDocumentIsReadAndGivesWhatTheFullReadKeeps(@ForAll("seeds") long seed) {
        byte[] body = new RandomJson(seed).document();

        assertThat(EVENT.read(body, JsonLimits.DEFAULT)).as(new String(body, StandardCharsets.UTF_8))
                .contains((ObjectNode) EVENT.applyTo(Json.read(body)));
    }

    /** The one property that makes the reader safe: whatever it answers, a full read agrees. */
    @Property(tries = 2000)
    void whateverIsReadAFullReadAcceptsAndAgreesWith(@ForAll("seeds") long seed, @ForAll("limits") JsonLimits limits) {
        RandomJson random = new RandomJson(seed);
        byte[] body = random.mutate(random.document());

        var projected = EVENT.read(body, limits);

        if (projected.isPresent()) {
            JsonNode full = Json.read(body, limits);
            assertThat(projected.get()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(EVENT.applyTo(full));
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<JsonLimits> limits() {
        return Arbitraries.oneOf(Arbitraries.just(JsonLimits.DEFAULT), Combinators.combine(
                Arbitraries.integers().between(1, 8), Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(1, 10), Arbitraries.integers().between(1, 6)).as(JsonLimits::new));
    }

    private static byte[] withBytesInString(String field, int[] sequence) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"" + field + "\":\"a").getBytes(StandardCharsets.UTF_8));
        for (int b : sequence) {
            out.write(b);
        }
        out.writeBytes("z\",\"n\":1}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static JsonNode read(String json) {
        return EVENT.read(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT).orElseThrow();
    }
}
