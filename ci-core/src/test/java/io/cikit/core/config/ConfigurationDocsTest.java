package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snippets in {@code docs/configuration.md}, compiled and run; and the page's alias table checked against
 * {@link CiConfig#DEFAULT_ALIASES}.
 */
class ConfigurationDocsTest {

    private static final Path PAGE = Path.of("..", "docs", "configuration.md");

    @TempDir
    Path dir;

    // --- snippet: a host builds its configuration ---
    @Test
    void aHostBuildsItsConfiguration() throws IOException {
        Path file = Files.writeString(dir.resolve("cikit.properties"), """
                cikit.http.timeout = 10s
                cikit.slack.webhook-url = https://hooks.slack.com/services/T000/B000/XXXX
                """, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("GITHUB_TOKEN", "ghp_example", "CIKIT_HTTP_TIMEOUT", "20s");

        CiConfig config = CiConfig.builder()
                .set("cikit.http.timeout", "30s")          // the host's own choice beats everything
                .environment(env)                          // default: System.getenv()
                .systemProperties(new Properties())        // default: System.getProperties()
                .propertiesFile(file)                      // lowest layer; must exist
                .build();

        Secret token = config.secret("cikit.github.token").orElseThrow();
        Duration timeout = config.duration("cikit.http.timeout").orElse(Duration.ofSeconds(10));
        List<Secret> webhookSecrets = config.secrets("cikit.webhook.secret");  // empty: not set

        assertThat(token.matches("ghp_example")).isTrue();
        assertThat(timeout).isEqualTo(Duration.ofSeconds(30));
        assertThat(webhookSecrets).isEmpty();
        assertThat(config.describe("cikit.http.timeout")).isEqualTo(
                "`cikit.http.timeout` / `CIKIT_HTTP_TIMEOUT`: from builder key `cikit.http.timeout`; "
                        + "shadows environment variable `CIKIT_HTTP_TIMEOUT`, "
                        + "`cikit.http.timeout` in properties file `" + file + "`");
    }

    // --- snippet: a provider reads its part through a ProviderConfig ---
    record SlackSettings(URI webhook, Duration timeout, List<String> channels) {
        static final ConfigKey<URI> WEBHOOK = ConfigKey.uri("webhook-url").required();
        static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout").withDefault(Duration.ofSeconds(10));
        static final ConfigKey<List<String>> CHANNELS = ConfigKey.list("channels").withDefault(List.of());
        static final ConfigSpec SPEC = ConfigSpec.of(WEBHOOK, TIMEOUT, CHANNELS);

        static SlackSettings from(ProviderConfig config) {
            config.validate(SPEC); // every missing or invalid key in one ConfigurationException
            return new SlackSettings(config.require(WEBHOOK), config.require(TIMEOUT), config.require(CHANNELS));
        }
    }

    @Test
    void aProviderReadsItsPrefix() {
        CiConfig config = CiConfigTest.isolated()
                .environment(Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X",
                        "CIKIT_SLACK_CHANNELS", "#lab, #kernel"))
                .build();

        SlackSettings slack = SlackSettings.from(config.forPrefix("cikit.slack"));

        assertThat(slack.webhook()).isEqualTo(URI.create("https://hooks.slack.com/services/T/B/X"));
        assertThat(slack.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(slack.channels()).containsExactly("#lab", "#kernel");
    }

    @Test
    void aProviderIsTestedWithAMap() {
        SlackSettings slack = SlackSettings.from(ProviderConfig.of(Map.of(
                "webhook-url", "https://hooks.example/x",
                "timeout", "2s")::get));

        assertThat(slack.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> SlackSettings.from(ProviderConfig.of(Map.of("timeout", "whenever")::get)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    // --- the page itself ---

    @Test
    void theAliasTableOnThePageIsTheOneInTheCode() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String section = page.substring(page.indexOf("## Aliases"), page.indexOf("\n## ", page.indexOf("## Aliases") + 1));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| `([a-z.-]+)` \\|").matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }

        assertThat(new ArrayList<>(documented.entrySet())).containsExactlyElementsOf(CiConfig.DEFAULT_ALIASES.entrySet());
    }

    @Test
    void everyAliasedKeyIsInTheKnownKeysTable() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String known = page.substring(page.indexOf("## Known keys"));

        for (String key : CiConfig.DEFAULT_ALIASES.values()) {
            assertThat(known).as(key).contains("| `" + key + "` |");
        }
    }
}
