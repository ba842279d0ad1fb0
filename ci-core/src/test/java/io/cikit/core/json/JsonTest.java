package io.cikit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void deepNestingFailsFastAsMalformed() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        assertThatThrownBy(() -> Json.read(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void stringsLongerThanTheLimitFailAsMalformed() {
        JsonLimits small = new JsonLimits(10, 100, 100, 100);
        String body = "{\"a\":\"" + "x".repeat(1000) + "\"}";

        assertThatThrownBy(() -> Json.read(body.getBytes(StandardCharsets.UTF_8), small))
                .isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void trailingGarbageAndTruncationAreMalformed() {
        assertThatThrownBy(() -> Json.read("{\"a\":1} x".getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> Json.read("{\"a\":".getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> Json.read(new byte[0])).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void accessorsAreNullSafe() {
        JsonNode n = Json.read("{\"a\":{\"b\":\"x\",\"n\":\"42\",\"t\":true,\"z\":null},\"l\":[\"p\",null,3]}".getBytes(StandardCharsets.UTF_8));

        assertThat(Json.text(n, "a", "b")).contains("x");
        assertThat(Json.text(n, "a", "z")).isEmpty();
        assertThat(Json.text(n, "a", "b", "deeper")).isEmpty();
        assertThat(Json.number(n, "a", "n")).hasValue(42);
        assertThat(Json.bool(n, false, "a", "t")).isTrue();
        assertThat(Json.strings(n, "l")).containsExactly("p", "3");
    }

    @Property(tries = 300)
    void readEitherReturnsATreeOrThrowsMalformed(@ForAll byte[] bytes) {
        try {
            assertThat(Json.read(bytes)).isNotNull();
        } catch (MalformedJsonException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
