package io.cikit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionCommandsTest {
    @TempDir
    Path dir;

    @Test
    void changepointsFindsTheStepOfTheReferenceCase() throws IOException {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            values.add(i < 15 ? "50" : "100");
        }
        Path csv = Files.write(dir.resolve("series.csv"), values);

        CliRun run = CliRun.of("changepoints", csv.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.json().path("changePoints")).hasSize(1);
        assertThat(run.json().path("changePoints").get(0).path("index").asInt()).isEqualTo(15);
        assertThat(run.json().has("elapsedMillis")).isTrue();
    }

    @Test
    void changepointsWithADirectionExitsOneOnARegression() throws IOException {
        Path json = Files.writeString(dir.resolve("s.json"), "[1,1,1,1,1,1,1,1,1,1,9,9,9,9,9,9,9,9,9,9]");

        assertThat(CliRun.of("changepoints", "--direction", "lower", json.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("changepoints", "--direction", "higher", json.toString()).exit()).isZero();
        assertThat(CliRun.of("changepoints", "--direction", "sideways", json.toString()).exit()).isEqualTo(2);
    }

    @Test
    void regressReportsANewFailureAndExitsOne() throws IOException {
        Path history = Files.writeString(dir.resolve("h.jsonl"), line("c1", "PASS") + "\n" + line("c2", "PASS") + "\n");
        Path current = Files.writeString(dir.resolve("cur.json"), line("c3", "FAIL"));

        CliRun run = CliRun.of("regress", "--history", history.toString(), "--current", current.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().path("verdict").asText()).isEqualTo("regression");
        assertThat(run.json().path("statusChanges").get(0).path("key").asText()).contains("ltp.sem01");
        assertThat(run.json().path("statusChanges").get(0).path("from").asText()).isNotBlank();
        assertThat(run.json().path("statusChanges").get(0).path("to").asText()).isNotBlank();
    }

    @Test
    void reportRenderPrintsMarkdownNamingTheNewFailure() throws IOException {
        Path history = Files.writeString(dir.resolve("h.jsonl"), line("c1", "PASS") + "\n");
        Path current = Files.writeString(dir.resolve("cur.json"), line("c2", "FAIL"));

        CliRun run = CliRun.of("report", "render", "--format", "markdown", "--history", history.toString(),
                "--current", current.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("ltp.sem01").contains("|");
        CliRun html = CliRun.of("report", "render", "--format", "html", "--history", history.toString(),
                "--current", current.toString());
        assertThat(html.out()).contains("<html").doesNotContain("http://", "https://cdn");
    }

    @Test
    void aMalformedCurrentRunIsUnreadableInput() throws IOException {
        // (unreadable history lines are skipped and counted by the store, so one bad line never loses a history)
        Path history = Files.writeString(dir.resolve("h.jsonl"), line("c1", "PASS") + "\n");
        Path current = Files.writeString(dir.resolve("cur.json"), "{\"tests\":{\"x\":\"PASS\"}}");

        CliRun run = CliRun.of("regress", "--history", history.toString(), "--current", current.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.json().path("error").asText()).contains("commit");
    }

    private static String line(String commit, String status) {
        return "{\"repository\":\"lab/linux\",\"branch\":\"main\",\"boardType\":\"rpi4\",\"arch\":\"arm64\",\"commit\":\""
                + commit + "\",\"tests\":{\"ltp.sem01\":\"" + status + "\"}}";
    }
}
