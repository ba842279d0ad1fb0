package io.cikit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.http.Headers;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class WebhookArbitrariesTest {
    private static final byte[] VALID = "{\"ref\":\"refs/heads/main\",\"commits\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);

    @Property(tries = 300)
    void aMutatedBodyAlwaysDiffersFromTheOriginal(@ForAll("mutations") byte[] mutated) {
        assertThat(Arrays.equals(mutated, VALID)).isFalse();
    }

    @Property(tries = 100)
    void deeplyNestedBodiesAreBeyondTheDefaultJsonLimits(@ForAll("nested") byte[] body) {
        assertThatThrownBy(() -> Json.read(body)).isInstanceOf(MalformedJsonException.class);
    }

    @Property(tries = 300)
    void headerSetsHoldAtMostTenHeadersEachWithAValue(@ForAll("headers") Headers headers) {
        assertThat(headers.names()).hasSizeLessThanOrEqualTo(10);
        headers.names().forEach(name -> assertThat(headers.all(name)).isNotEmpty());
    }

    @Test
    void headerSetsUseRealNamesInSeveralCasesBesideRandomOnes() {
        List<String> names = WebhookArbitraries.headers(List.of("X-Example-Event")).sampleStream().limit(300)
                .flatMap(h -> h.names().stream()).toList();

        assertThat(names).contains("X-Example-Event", "x-example-event", "X-EXAMPLE-EVENT");
        assertThat(names).anyMatch(n -> !n.equalsIgnoreCase("X-Example-Event"));
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        return WebhookArbitraries.mutatedJson(List.of(VALID));
    }

    @Provide
    Arbitrary<byte[]> nested() {
        return WebhookArbitraries.deeplyNested();
    }

    @Provide
    Arbitrary<Headers> headers() {
        return WebhookArbitraries.headers(List.of("X-Example-Event", "X-Example-Signature"));
    }
}
