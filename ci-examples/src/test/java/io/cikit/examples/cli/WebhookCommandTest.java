package io.cikit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.webhook.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookCommandTest {
    private static final String SECRET = "It's a Secret to Everybody";

    @TempDir
    Path dir;

    @Test
    void signPrintsGitHubsDocumentedTestVector() throws IOException {
        Path body = Files.writeString(dir.resolve("body"), "Hello, World!");

        CliRun run = CliRun.of("webhook", "sign", "--provider", "github", "--secret", SECRET, body.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        assertThat(run.out() + run.err()).doesNotContain(SECRET);
    }

    @Test
    void signReadsTheSecretFromAnAtFile() throws IOException {
        Path body = Files.writeString(dir.resolve("body"), "Hello, World!");
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");

        CliRun run = CliRun.of("webhook", "sign", "--secret", "@" + secret, body.toString());

        assertThat(run.out().strip()).endsWith("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void parseFillsThePullRequestFieldsOfTheContract() throws IOException {
        byte[] body = fixture("pull_request.opened.json");
        Path file = Files.write(dir.resolve("pr.json"), body);

        CliRun run = CliRun.of("webhook", "parse", "--provider", "github", "--secret", SECRET,
                "-H", "X-GitHub-Event: pull_request", "-H", "X-GitHub-Delivery: d-1",
                "-H", "X-Hub-Signature-256: " + sign(body), file.toString());

        assertThat(run.exit()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("outcome").asText()).isEqualTo("accepted");
        assertThat(json.path("httpStatus").asInt()).isEqualTo(202);
        assertThat(json.path("provider").asText()).isEqualTo("github");
        assertThat(json.path("deliveryId").asText()).isEqualTo("d-1");
        JsonNode event = json.path("event");
        assertThat(event.path("type").asText()).isEqualTo("pull_request");
        assertThat(event.path("action").asText()).isEqualTo("opened");
        assertThat(event.path("number").asLong()).isEqualTo(2);
        assertThat(event.path("headSha").asText()).isEqualTo("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
        assertThat(event.path("headRef").asText()).isEqualTo("changes");
        assertThat(event.path("baseRef").asText()).isEqualTo("master");
        assertThat(event.path("draft").isBoolean()).isTrue();
        assertThat(event.path("merged").isBoolean()).isTrue();
        assertThat(event.path("repository").path("fullName").asText()).isEqualTo("Codertocat/Hello-World");
        assertThat(event.path("repository").path("cloneUrl").asText()).endsWith(".git");
        assertThat(event.path("repository").has("htmlUrl")).isTrue();
        assertThat(event.path("repository").has("defaultBranch")).isTrue();
    }

    @Test
    void aWrongSignatureIsRejectedWithExitCodeOne() throws IOException {
        Path file = Files.write(dir.resolve("push.json"), fixture("push.event.json"));

        CliRun run = CliRun.of("webhook", "parse", "--provider", "auto", "--secret", "wrong",
                "-H", "X-GitHub-Event: push", "-H", "X-Hub-Signature-256: sha256=" + "0".repeat(64), file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().path("outcome").asText()).isEqualTo("rejected");
        assertThat(run.json().path("httpStatus").asInt()).isEqualTo(401);
    }

    @Test
    void unsignedModeAcceptsAPushAndReportsItsFields() throws IOException {
        Path file = Files.write(dir.resolve("push.json"), fixture("push.event.json"));

        CliRun run = CliRun.of("webhook", "parse", "--unsigned", "-H", "X-GitHub-Event: push", file.toString());

        JsonNode event = run.json().path("event");
        assertThat(run.exit()).isZero();
        assertThat(event.path("type").asText()).isEqualTo("push");
        assertThat(event.path("ref").asText()).isEqualTo("refs/tags/simple-tag");
        for (String field : List.of("branch", "before", "after", "commits", "created", "deleted", "forced")) {
            assertThat(event.has(field)).as(field).isTrue();
        }
    }

    @Test
    void aBatchAnswersOneLinePerInputLineInOrderWithDuplicatesAndBadLines() throws IOException {
        byte[] push = fixture("push.event.json");
        String line = "{\"headers\":{\"X-GitHub-Event\":\"push\",\"X-GitHub-Delivery\":\"d-9\",\"X-Hub-Signature-256\":\""
                + sign(push) + "\"},\"bodyBase64\":\"" + Base64.getEncoder().encodeToString(push) + "\"}";
        Path batch = Files.writeString(dir.resolve("b.jsonl"), line + "\n" + line + "\nnot json\n");

        CliRun run = CliRun.of("webhook", "parse", "--provider", "github", "--secret", SECRET, "--batch", batch.toString());

        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).extracting(n -> n.path("outcome").asText()).containsExactly("accepted", "duplicate", "rejected");
        assertThat(lines.get(2).path("reason").asText()).contains("batch line 3");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void aProviderThatIsNotOnTheClassPathIsRejectedSayingSo() throws IOException {
        Path file = Files.writeString(dir.resolve("x.json"), "{}");

        CliRun run = CliRun.of("webhook", "parse", "--provider", "gitea", "--unsigned", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().path("reason").asText()).contains("gitea").contains("classpath");
    }

    @Test
    void usageErrorsAndUnreadableInputExitTwoWithAJsonError() {
        CliRun unknown = CliRun.of("webhook", "frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.json().has("error")).isTrue();

        CliRun missing = CliRun.of("webhook", "parse", "--unsigned", dir.resolve("absent.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.json().path("error").asText()).contains("no such file");
    }

    @Test
    void versionListsModulesAndTheGitHubParser() {
        CliRun run = CliRun.of("version");

        assertThat(run.exit()).isZero();
        assertThat(run.json().path("modules").toString()).contains("ci-core", "ci-vcs-github");
        assertThat(run.json().path("providers").path("webhook").toString()).contains("github");
        assertThat(run.json().path("version").asText()).isNotBlank();
    }

    private static String sign(byte[] body) {
        return "sha256=" + Signatures.hmacSha256Hex(SECRET.getBytes(StandardCharsets.UTF_8), body);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = WebhookCommandTest.class.getResourceAsStream("/github/" + name)) {
            return in.readAllBytes();
        }
    }
}
