package io.cikit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ProjectionTest {
    private static final JsonProjection PERSON = JsonProjection.fields("login", "name");
    private static final JsonProjection EVENT = JsonProjection.fields("ref", "n")
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
        assertThat(EVENT.read("{\"a\":\"xy\"}".getBytes(StandardCharsets.UTF_8), new JsonLimits(10, 5, 100, 100)))
                .as("a document longer than the string limit, whose skipped strings Jackson would not measure").isEmpty();
        assertThat(EVENT.read("{\"ref\":\"a\"}".getBytes(StandardCharsets.UTF_16LE), limits)).as("UTF-16").isEmpty();
        assertThat(EVENT.read(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                limits)).as("an encoded surrogate in a skipped string").isEmpty();
    }

    @Test
    void readsUtf8WithABomAndNonAsciiText() {
        byte[] body = ("\uFEFF{\"ref\":\"caf\u00e9 \uD83D\uDE80\",\"x\":\"\u5f20\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(EVENT.read(body, JsonLimits.DEFAULT)).hasValueSatisfying(
                tree -> assertThat(tree.get("ref").asText()).isEqualTo("caf\u00e9 \uD83D\uDE80"));
    }

    @Property(tries = 500)
    void theSurrogateScanFindsExactlyWhatAByteByByteScanFinds(@ForAll("bytes") byte[] bytes) {
        boolean expected = false;
        for (int i = 0; i + 1 < bytes.length; i++) {
            expected |= bytes[i] == (byte) 0xED && (bytes[i + 1] & 0xE0) == 0xA0;
        }

        assertThat(JsonProjection.hasEncodedSurrogate(bytes)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        // mostly ASCII with the odd high byte, lengths around the 32-byte blocks
        Arbitrary<Byte> one = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.bytes().between((byte) 0x20, (byte) 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) 0xED, (byte) 0xA0, (byte) 0xBF, (byte) 0x9F, (byte) 0xC0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        return one.array(byte[].class).ofMaxSize(130);
    }

    private static JsonNode read(String json) {
        return EVENT.read(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT).orElseThrow();
    }
}
