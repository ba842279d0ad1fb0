package io.cikit.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TestResultsTest {

    @Test
    void jsonHasTheShapeTheCommandLinePrints() {
        TestResults r = new TestResults(ResultFormat.KTAP, List.of(
                TestResult.builder("suite.fast", TestStatus.PASS).duration(Duration.ofMillis(1500))
                        .measurement(new Measurement("fast", 12.5, "ms")).build(),
                TestResult.builder("suite.broken", TestStatus.FAIL).message("boom").build(),
                TestResult.builder("suite.skipped", TestStatus.SKIP).build(),
                TestResult.builder("suite.crashed", TestStatus.ERROR).build()), false);

        JsonNode json = Json.read(Json.write(r.toJson()));

        assertThat(json.get("format").asText()).isEqualTo("ktap");
        JsonNode first = json.get("results").get(0);
        assertThat(first.get("path").asText()).isEqualTo("suite.fast");
        assertThat(first.get("status").asText()).isEqualTo("PASS");
        assertThat(first.get("durationMillis").asLong()).isEqualTo(1500);
        assertThat(first.get("message").isNull()).isTrue();
        assertThat(first.get("measurements").get(0).get("name").asText()).isEqualTo("fast");
        assertThat(first.get("measurements").get(0).get("value").asDouble()).isEqualTo(12.5);
        assertThat(first.get("measurements").get(0).get("unit").asText()).isEqualTo("ms");
        JsonNode second = json.get("results").get(1);
        assertThat(second.get("durationMillis").isNull()).isTrue();
        assertThat(second.get("message").asText()).isEqualTo("boom");
        JsonNode s = json.get("summary");
        assertThat(List.of(s.get("total").asInt(), s.get("passed").asInt(), s.get("failed").asInt(),
                s.get("skipped").asInt(), s.get("errors").asInt())).containsExactly(4, 1, 1, 1, 1);
        assertThat(fieldNames(json)).containsExactly("format", "results", "summary");
        assertThat(fieldNames(first)).containsExactly("path", "status", "durationMillis", "message", "measurements");
    }

    @Test
    void recordsRejectNullsAndCopyTheirCollections() {
        java.util.ArrayList<Measurement> ms = new java.util.ArrayList<>();
        TestResult t = new TestResult("a", TestStatus.PASS, Optional.empty(), Optional.empty(), ms, Map.of());
        ms.add(new Measurement("x", 1, ""));

        assertThat(t.measurements()).isEmpty();
        assertThatThrownBy(() -> new TestResult(null, TestStatus.PASS, Optional.empty(), Optional.empty(), List.of(),
                Map.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Measurement("x", Double.NaN, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TestResults(ResultFormat.AUTO, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TestSummary(2, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryOfNothingIsSuccessful() {
        assertThat(TestSummary.of(List.of())).isEqualTo(new TestSummary(0, 0, 0, 0, 0));
        assertThat(TestSummary.of(List.of()).successful()).isTrue();
    }

    @Test
    void wordsFromOtherSystemsMapOntoStatuses() {
        assertThat(TestStatus.fromWord("PASSED")).isEqualTo(TestStatus.PASS);
        assertThat(TestStatus.fromWord(" fail ")).isEqualTo(TestStatus.FAIL);
        assertThat(TestStatus.fromWord("not ok")).isEqualTo(TestStatus.FAIL);
        assertThat(TestStatus.fromWord("Skipped")).isEqualTo(TestStatus.SKIP);
        assertThat(TestStatus.fromWord("crashed")).isEqualTo(TestStatus.ERROR);
        assertThat(TestStatus.fromWord("wobbly")).isEqualTo(TestStatus.ERROR);
        assertThat(TestStatus.fromWord(null)).isEqualTo(TestStatus.ERROR);
        assertThat(TestStatus.worst(TestStatus.SKIP, TestStatus.FAIL)).isEqualTo(TestStatus.FAIL);
        assertThat(TestStatus.worst(TestStatus.ERROR, TestStatus.FAIL)).isEqualTo(TestStatus.ERROR);
    }

    @Property(tries = 300)
    void anyWordMapsToAStatusWithoutThrowing(@ForAll String word) {
        assertThat(TestStatus.fromWord(word)).isNotNull();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
