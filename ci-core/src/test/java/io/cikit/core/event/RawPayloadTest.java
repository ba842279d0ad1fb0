package io.cikit.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RawPayloadTest {
    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\",\"n\":[1,2.5,true,null],\"secret-ish\":\"x\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aLazyPayloadReadsItsBytesOnlyWhenTheTreeIsAskedFor() {
        RawPayload lazy = RawPayload.lazy("push", BODY, JsonLimits.DEFAULT);

        assertThat(lazy.eventName()).isEqualTo("push");
        assertThat(lazy.isParsed()).isFalse();

        JsonNode tree = lazy.json();

        assertThat(lazy.isParsed()).isTrue();
        assertThat(tree).isEqualTo(Json.read(BODY));
        assertThat(lazy.json()).as("memoised: the same tree every time").isSameAs(tree);
    }

    @Test
    void aPayloadMadeFromATreeIsParsedAndHandsThatTreeBack() {
        JsonNode tree = Json.read(BODY);
        RawPayload eager = new RawPayload("push", tree);

        assertThat(eager.isParsed()).isTrue();
        assertThat(eager.json()).isSameAs(tree);
    }

    @Test
    void lazyAndEagerPayloadsOfTheSameDocumentAreEqualWithEqualHashCodes() {
        RawPayload lazy = RawPayload.lazy("push", BODY, JsonLimits.DEFAULT);
        RawPayload eager = new RawPayload("push", Json.read(BODY));

        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
        assertThat(eager).isEqualTo(lazy);
        assertThat(RawPayload.lazy("ping", BODY, JsonLimits.DEFAULT)).as("another event name").isNotEqualTo(eager);
        assertThat(RawPayload.lazy("push", "{\"ref\":\"x\"}".getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT))
                .as("another document").isNotEqualTo(eager);
    }

    @Test
    void toStringNamesTheEventAndSizeButNeverTheContent() {
        RawPayload lazy = RawPayload.lazy("push", BODY, JsonLimits.DEFAULT);

        assertThat(lazy.toString()).contains("push").contains(BODY.length + " bytes").doesNotContain("refs/heads")
                .doesNotContain("secret-ish");
        assertThat(lazy.isParsed()).as("toString does not read the tree").isFalse();

        lazy.json();
        assertThat(lazy.toString()).contains("push").contains("OBJECT").doesNotContain("refs/heads")
                .doesNotContain("secret-ish");
        assertThat(new RawPayload("ping", Json.read(BODY)).toString()).doesNotContain("refs/heads");
    }

    @Test
    void unreadableBytesFailOnEveryAskAsMalformedJson() {
        RawPayload broken = RawPayload.lazy("push", "{\"a\":".getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);

        assertThatThrownBy(broken::json).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(broken::json).isInstanceOf(MalformedJsonException.class);
        assertThat(broken.isParsed()).isFalse();
    }

    @Test
    void theLazyTreeIsReadWithTheLimitsGiven() {
        byte[] deep = "{\"a\":[[[[1]]]]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RawPayload.lazy("push", deep, new JsonLimits(3, 100, 100, 100)).json())
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("nesting");
        assertThat(RawPayload.lazy("push", deep, new JsonLimits(10, 100, 100, 100)).json().path("a").isArray()).isTrue();
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> RawPayload.lazy(null, BODY, JsonLimits.DEFAULT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RawPayload.lazy("push", null, JsonLimits.DEFAULT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RawPayload.lazy("push", BODY, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RawPayload("push", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RawPayload(null, Json.read(BODY))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void threadsAskingAtOnceAllGetTheOneTree() throws Exception {
        byte[] big = ("{\"items\":[" + ("{\"a\":\"" + "x".repeat(50) + "\"},").repeat(5000) + "{}]}")
                .getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 20; round++) {
            RawPayload lazy = RawPayload.lazy("push", big, JsonLimits.DEFAULT);
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<JsonNode>> trees = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    trees.add(pool.submit(() -> {
                        start.await();
                        return lazy.json();
                    }));
                }
                start.countDown();
                JsonNode first = trees.get(0).get(10, TimeUnit.SECONDS);
                for (Future<JsonNode> tree : trees) {
                    assertThat(tree.get(10, TimeUnit.SECONDS)).isSameAs(first);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Property(tries = 200)
    void aLazyPayloadAlwaysEqualsTheEagerOneOfItsDocument(@ForAll("documents") String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        RawPayload lazy = RawPayload.lazy("e", bytes, JsonLimits.DEFAULT);
        RawPayload eager = new RawPayload("e", Json.read(bytes));

        assertThat(lazy.hashCode()).isEqualTo(eager.hashCode());
        assertThat(lazy).isEqualTo(eager);
        assertThat(lazy.json()).isEqualTo(eager.json());
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> Json.mapper().getNodeFactory().textNode(s).toString()),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null"));
        Arbitrary<String> fields = Arbitraries.strings().alpha().ofMaxLength(5).flatMap(name -> scalars.map(v -> "\"" + name + "\":" + v));
        return fields.list().ofMaxSize(8).map(list -> "{" + String.join(",", list) + "}");
    }
}
