package io.cikit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.CiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionsTest {

    @TempDir
    Path dir;

    @Test
    void changePointsFromAJsonArrayOfNumbers() {
        JsonNode out = Regressions.changePoints(bytes("[50,50,50,50,50,50,50,50,50,50,50,50,50,50,50,"
                + "100,100,100,100,100,100,100,100,100,100,100,100,100,100,100]"), ChangePointOptions.DEFAULTS);

        assertThat(out.get("changePoints")).hasSize(1);
        JsonNode cp = out.get("changePoints").get(0);
        assertThat(cp.get("index").asInt()).isEqualTo(15);
        assertThat(cp.get("meanBefore").asDouble()).isEqualTo(50.0);
        assertThat(cp.get("meanAfter").asDouble()).isEqualTo(100.0);
        assertThat(cp.get("changePercent").asDouble()).isEqualTo(100.0);
        assertThat(cp.get("pValue").asDouble()).isLessThanOrEqualTo(0.001);
        assertThat(cp.has("verdict")).isFalse();
        assertThat(out.get("points").asInt()).isEqualTo(30);
        assertThat(out.get("elapsedMillis").isIntegralNumber()).isTrue();
    }

    @Test
    void changePointsFromCsvWithAHeaderAndCommitsNameTheRange() {
        StringBuilder csv = new StringBuilder("commit,boot_ms\n# nightly boot times\n");
        for (int i = 0; i < 10; i++) {
            csv.append("c").append(i).append(',').append(i < 3 ? 1 : 9).append('\n');
        }
        ChangePointOptions lowerIsBetter = ChangePointOptions.builder().direction(Direction.LOWER_IS_BETTER).build();

        JsonNode cp = Regressions.changePoints(bytes(csv.toString()), lowerIsBetter).get("changePoints").get(0);

        assertThat(cp.get("index").asInt()).isEqualTo(3);
        assertThat(cp.get("lastGood").asText()).isEqualTo("c2");
        assertThat(cp.get("firstBad").asText()).isEqualTo("c3");
        assertThat(cp.get("verdict").asText()).isEqualTo("regression");
    }

    @Test
    void changePointsFromJsonObjectsAndPlainCsv() {
        JsonNode objects = Regressions.changePoints(bytes("[{\"commit\":\"a\",\"value\":1},{\"commit\":\"b\",\"value\":1},"
                + "{\"commit\":\"c\",\"value\":1},{\"commit\":\"d\",\"value\":9},{\"commit\":\"e\",\"value\":9},"
                + "{\"commit\":\"f\",\"value\":9}]"), ChangePointOptions.DEFAULTS);
        JsonNode plain = Regressions.changePoints(bytes("0\n0\n0\n0\n\n1\n1\n1\n1\n"), ChangePointOptions.DEFAULTS);

        assertThat(objects.get("changePoints").get(0).get("firstBad").asText()).isEqualTo("d");
        assertThat(plain.get("changePoints").get(0).get("index").asInt()).isEqualTo(4);
        assertThat(plain.get("changePoints").get(0).get("changePercent").isNull()).isTrue();
        assertThat(Regressions.changePoints(bytes(""), ChangePointOptions.DEFAULTS).get("changePoints")).isEmpty();
    }

    @Test
    void unreadableSeriesNameTheLineOrElement() {
        assertThatThrownBy(() -> Regressions.changePoints(bytes("value\n1\n2\nthree\n"), ChangePointOptions.DEFAULTS))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("line 4");
        assertThatThrownBy(() -> Regressions.changePoints(bytes("1\nNaN\n"), ChangePointOptions.DEFAULTS))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Regressions.changePoints(bytes("[1, \"2\"]"), ChangePointOptions.DEFAULTS))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("element 1");
        assertThatThrownBy(() -> Regressions.changePoints(bytes("[1, 2"), ChangePointOptions.DEFAULTS))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void regressReadsTheHistoryWithoutTouchingIt() throws IOException {
        Path history = dir.resolve("history.jsonl");
        try (JsonLinesResultHistory store = JsonLinesResultHistory.open(history)) {
            store.append(Runs.run(Runs.RPI4, 1, "ltp.sem01=PASS", "ltp.sem02=PASS"));
            store.append(Runs.run(Runs.RPI4, 2, "ltp.sem01=PASS", "ltp.sem02=FAIL"));
        }
        Files.write(history, "{\"torn".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(history);
        Path current = dir.resolve("current.json");
        Files.writeString(current, """
                {"repository":"acme/linux","branch":"main","boardType":"rpi4","arch":"arm64","kernelConfig":"defconfig",
                 "compiler":"gcc-13","commit":"c3","tests":{"ltp.sem01":"FAIL","ltp.sem02":"PASS"}}
                """);

        RegressionReport report = Regressions.regress(history, current);

        assertThat(report.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(report.statusChanges()).extracting(c -> c.kind() + " " + c.key().test())
                .containsExactly("NEW_FAILURE ltp.sem01", "FIXED ltp.sem02");
        assertThat(Files.readAllBytes(history)).isEqualTo(before);
        assertThat(report.toJson().get("verdict").asText()).isEqualTo("regression");
    }

    @Test
    void regressFailsClearlyOnMissingOrMalformedFiles() throws IOException {
        Path history = dir.resolve("history.jsonl");
        Files.writeString(history, "");
        Path current = dir.resolve("current.json");
        Files.writeString(current, "{\"tests\":{}}");

        assertThatThrownBy(() -> Regressions.regress(dir.resolve("nope.jsonl"), current)).isInstanceOf(CiException.class);
        assertThatThrownBy(() -> Regressions.regress(history, dir.resolve("nope.json"))).isInstanceOf(CiException.class);
        assertThatThrownBy(() -> Regressions.regress(history, current)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("commit");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
