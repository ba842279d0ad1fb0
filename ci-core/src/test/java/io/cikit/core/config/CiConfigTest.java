package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CiConfigTest {

    @TempDir
    Path dir;

    /** A builder that sees neither the real system properties nor the real environment. */
    static CiConfig.Builder isolated() {
        return CiConfig.builder().systemProperties(new Properties()).environment(Map.of());
    }

    static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("cikit.properties"), content, StandardCharsets.UTF_8);
    }

    // --- precedence ---

    @ParameterizedTest(name = "builder={0} sysprop={1} env={2} file={3} -> {4}")
    @CsvSource({
        "true,  true,  true,  true,  from-builder",
        "false, true,  true,  true,  from-sysprop",
        "false, false, true,  true,  from-env",
        "false, false, false, true,  from-file",
        "true,  false, false, true,  from-builder",
        "false, true,  false, true,  from-sysprop",
        "true,  false, true,  false, from-builder",
    })
    void higherLayersWinOverLowerOnes(boolean builder, boolean sysprop, boolean env, boolean file, String expected)
            throws IOException {
        CiConfig.Builder b = CiConfig.builder()
                .systemProperties(sysprop ? props("cikit.lab.name", "from-sysprop") : new Properties())
                .environment(env ? Map.of("CIKIT_LAB_NAME", "from-env") : Map.of())
                .propertiesFile(file(file ? "cikit.lab.name = from-file\n" : "# nothing\n"));
        if (builder) {
            b.set("cikit.lab.name", "from-builder");
        }

        assertThat(b.build().get("cikit.lab.name")).contains(expected);
    }

    @Test
    void eachLayerStillSuppliesTheKeysHigherLayersLeaveOut() throws IOException {
        CiConfig config = CiConfig.builder()
                .set("cikit.a", "1")
                .systemProperties(props("cikit.b", "2"))
                .environment(Map.of("CIKIT_C", "3"))
                .propertiesFile(file("cikit.d=4\n"))
                .build();

        assertThat(config.get("cikit.a")).contains("1");
        assertThat(config.get("cikit.b")).contains("2");
        assertThat(config.get("cikit.c")).contains("3");
        assertThat(config.get("cikit.d")).contains("4");
        assertThat(config.get("cikit.e")).isEmpty();
    }

    @Test
    void aBlankValueCountsAsNotSetSoALowerLayerShowsThrough() throws IOException {
        CiConfig config = CiConfig.builder()
                .set("cikit.lab.name", "   ")
                .systemProperties(props("cikit.lab.name", ""))
                .environment(Map.of("CIKIT_LAB_NAME", " \t"))
                .propertiesFile(file("cikit.lab.name = lab-7  \n"))
                .build();

        assertThat(config.get("cikit.lab.name")).contains("lab-7");
    }

    @Test
    void setAgainInAnotherSpellingReplacesTheValue() {
        CiConfig config = isolated().set("cikit.slack.webhook-url", "a").set("CIKIT_SLACK_WEBHOOK_URL", "b").build();

        assertThat(config.get("cikit.slack.webhook.url")).contains("b");
    }

    @Test
    void onlyCikitSystemPropertiesAndEnvironmentVariablesAreRead() {
        CiConfig config = CiConfig.builder()
                .systemProperties(props("java.home", "/jdk", "user.name", "me", "cikit.x", "1"))
                .environment(Map.of("PATH", "/bin", "HOME", "/home/me", "CIKITX", "no", "CIKIT_Y", "2"))
                .build();

        assertThat(config.get("java.home")).isEmpty();
        assertThat(config.get("path")).isEmpty();
        assertThat(config.get("cikitx")).isEmpty();
        assertThat(config.get("cikit.x")).contains("1");
        assertThat(config.get("cikit.y")).contains("2");
        assertThat(config.toString()).doesNotContain("java.home", "path", "home");
    }

    @Test
    void theDefaultBuilderReadsTheRealSystemProperties() {
        String key = "cikit.test.default-builder-" + ProcessHandle.current().pid();
        System.setProperty(key, "seen");
        try {
            assertThat(CiConfig.fromEnvironment().get(key)).contains("seen");
            assertThat(CiConfig.builder().environment(Map.of()).build().get(key)).contains("seen");
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void theEmptyConfigurationHasNothing() {
        CiConfig empty = CiConfig.empty();

        assertThat(empty.get("cikit.github.token")).isEmpty();
        assertThat(empty.list("cikit.x")).isEmpty();
        assertThat(empty.describe("cikit.github.token")).endsWith("not set (empty configuration)");
        assertThatThrownBy(() -> empty.require("cikit.github.token")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void blankKeysAreRejected() {
        assertThatThrownBy(() -> CiConfig.empty().get(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> isolated().set("", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    // --- aliases ---

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "GITHUB_TOKEN,                    cikit.github.token",
        "GITLAB_TOKEN,                    cikit.gitlab.token",
        "WEBHOOK_SECRET,                  cikit.webhook.secret",
        "NOTIFICATION__SLACK_WEBHOOK_URL, cikit.slack.webhook-url",
        "SLACK_WEBHOOK_URL,               cikit.slack.webhook-url",
        "NOTIFICATION__EMAIL_SMTP_HOST,   cikit.email.smtp-host",
        "NOTIFICATION__EMAIL_SMTP_PORT,   cikit.email.smtp-port",
        "NOTIFICATION__EMAIL_FROM,        cikit.email.from",
        "MSTEAMS_WEBHOOK_URL,             cikit.teams.webhook-url",
    })
    void wellKnownEnvironmentNamesAreReadAsTheirKeys(String envName, String key) {
        CiConfig config = isolated().environment(Map.of(envName, "value-of-" + envName)).build();

        assertThat(config.get(key)).contains("value-of-" + envName);
        assertThat(config.describe(key)).contains("environment variable `" + envName + "` (alias)");
    }

    @Test
    void theAliasTableHoldsExactlyTheDocumentedNames() {
        assertThat(CiConfig.DEFAULT_ALIASES).hasSize(9).containsEntry("GITHUB_TOKEN", "cikit.github.token");
    }

    @Test
    void aCikitNameBeatsAnAliasOfTheSameKey() {
        CiConfig config = isolated()
                .environment(Map.of("GITHUB_TOKEN", "from-alias", "CIKIT_GITHUB_TOKEN", "from-cikit"))
                .build();

        assertThat(config.get("cikit.github.token")).contains("from-cikit");
        assertThat(config.describe("cikit.github.token"))
                .contains("from environment variable `CIKIT_GITHUB_TOKEN`")
                .contains("shadows environment variable `GITHUB_TOKEN` (alias)");
    }

    @Test
    void theLabPrefixedSlackNameBeatsTheBareOne() {
        CiConfig config = isolated()
                .environment(Map.of("SLACK_WEBHOOK_URL", "https://bare", "NOTIFICATION__SLACK_WEBHOOK_URL", "https://lab"))
                .build();

        assertThat(config.get("cikit.slack.webhook-url")).contains("https://lab");
    }

    @Test
    void anAliasIsAnEnvironmentValueSoSystemPropertiesBeatItAndTheFileLosesToIt() throws IOException {
        CiConfig sysprop = CiConfig.builder()
                .systemProperties(props("cikit.github.token", "from-sysprop"))
                .environment(Map.of("GITHUB_TOKEN", "from-alias"))
                .build();
        CiConfig file = isolated()
                .environment(Map.of("GITHUB_TOKEN", "from-alias"))
                .propertiesFile(file("cikit.github.token=from-file\n"))
                .build();

        assertThat(sysprop.get("cikit.github.token")).contains("from-sysprop");
        assertThat(file.get("cikit.github.token")).contains("from-alias");
    }

    @Test
    void hostAliasesAddNamesAndAreConsultedBeforeTheBuiltInOnes() {
        CiConfig config = isolated()
                .environment(Map.of("LAB_TOKEN", "t", "MY_SLACK_HOOK", "https://mine", "SLACK_WEBHOOK_URL", "https://bare"))
                .alias("LAB_TOKEN", "cikit.lab.token")
                .alias("MY_SLACK_HOOK", "cikit.slack.webhook-url")
                .build();

        assertThat(config.get("cikit.lab.token")).contains("t");
        assertThat(config.get("cikit.slack.webhook-url")).contains("https://mine");
    }

    @Test
    void aHostAliasForABuiltInNameRedirectsIt() {
        CiConfig config = isolated()
                .environment(Map.of("GITHUB_TOKEN", "t"))
                .alias("github_token", "cikit.enterprise.token")
                .build();

        assertThat(config.get("cikit.enterprise.token")).contains("t");
        assertThat(config.get("cikit.github.token")).isEmpty();
    }

    @Test
    void aliasesApplyOnlyToTheEnvironment() throws IOException {
        CiConfig config = CiConfig.builder()
                .systemProperties(props("GITHUB_TOKEN", "s"))
                .environment(Map.of())
                .propertiesFile(file("GITHUB_TOKEN=f\n"))
                .build();

        assertThat(config.get("cikit.github.token")).isEmpty();
    }

    // --- ambiguity within one layer ---

    @Test
    void twoSpellingsOfOneKeyWithDifferentValuesInOneLayerAreRejectedNamingBoth() {
        Map<String, String> env = new HashMap<>();
        env.put("CIKIT_LAB_NAME", "value-alpha");
        env.put("cikit_lab_name", "value-beta");

        assertThatThrownBy(() -> isolated().environment(env).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("`CIKIT_LAB_NAME`")
                .hasMessageContaining("`cikit_lab_name`")
                .hasMessageNotContaining("value-alpha")
                .hasMessageNotContaining("value-beta");
    }

    @Test
    void twoSpellingsWithTheSameValueAreFine() {
        CiConfig config = isolated().systemProperties(props("cikit.a-b", "x", "cikit.a.b", "x")).build();

        assertThat(config.get("cikit.a_b")).contains("x");
    }

    @Test
    void everyProblemWithTheSourcesIsReportedAtOnce() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("CIKIT_A", "1");
        env.put("cikit.a", "2");

        assertThatThrownBy(() -> CiConfig.builder()
                        .systemProperties(props("cikit.b.c", "1", "cikit.b-c", "2"))
                        .environment(env)
                        .propertiesFile(dir.resolve("missing.properties"))
                        .build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("system properties"))
                        .anySatisfy(p -> assertThat(p).startsWith("environment variables"))
                        .anySatisfy(p -> assertThat(p).contains("missing.properties").contains("does not exist")));
    }

    // --- the properties file ---

    @Test
    void thePropertiesFileIsReadAsUtf8AndAcceptsFoldedKeys() throws IOException {
        CiConfig config = isolated()
                .propertiesFile(file("""
                        # lab settings
                        cikit.email.from = Prüfstand ✓ <lab@example.org>
                        CIKIT_EMAIL_SMTP_HOST=smtp.example.org
                        Cikit-Email-Smtp_Port: 2525
                        """))
                .build();

        assertThat(config.get("cikit.email.from")).contains("Prüfstand ✓ <lab@example.org>");
        assertThat(config.get("cikit.email.smtp-host")).contains("smtp.example.org");
        assertThat(config.integer("cikit.email.smtp-port")).contains(2525);
    }

    @Test
    void aMissingFileGivenExplicitlyIsAConfigurationError() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> isolated().propertiesFile(missing).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("properties file `" + missing + "` does not exist");
    }

    @Test
    void aDirectoryIsNotAPropertiesFile() {
        assertThatThrownBy(() -> isolated().propertiesFile(dir).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a regular file");
    }

    @Test
    void aFileThatIsNotUtf8IsRejected() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.properties"),
                "cikit.email.from=Pr\u00fcfstand\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> isolated().propertiesFile(latin1).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not valid UTF-8")
                .hasMessageNotContaining("fstand");
    }

    @Test
    void aFileOverTheSizeLimitIsRejectedWithoutBeingParsed() throws IOException {
        Path big = Files.write(dir.resolve("big.properties"), new byte[CiConfig.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> isolated().propertiesFile(big).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is larger than " + CiConfig.MAX_FILE_BYTES + " bytes");
    }

    @Test
    void aFileAtTheSizeLimitIsRead() throws IOException {
        byte[] content = new byte[CiConfig.MAX_FILE_BYTES];
        java.util.Arrays.fill(content, (byte) '#');
        byte[] entry = "\ncikit.a=1\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(entry, 0, content, content.length - entry.length, entry.length);
        Path atLimit = Files.write(dir.resolve("limit.properties"), content);

        assertThat(isolated().propertiesFile(atLimit).build().get("cikit.a")).contains("1");
    }

    @Test
    void aMalformedEscapeInTheFileIsAConfigurationError() throws IOException {
        Path bad = file("cikit.a=\\uZZZZ\n");

        assertThatThrownBy(() -> isolated().propertiesFile(bad).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is malformed");
    }

    @Test
    void theFileIsReadWhenBuiltSoEachBuildSeesItsCurrentContent() throws IOException {
        Path f = file("cikit.a=1\n");
        CiConfig.Builder builder = isolated().propertiesFile(f);
        CiConfig first = builder.build();
        Files.writeString(f, "cikit.a=2\n");

        assertThat(first.get("cikit.a")).contains("1");
        assertThat(builder.build().get("cikit.a")).contains("2");
    }

    // --- describe and toString ---

    @Test
    void describeNamesTheSupplyingLayerAndWhatItShadowsButNeverTheValue() throws IOException {
        Path f = file("cikit.slack.webhook.url=https://hooks.example/file\n");
        CiConfig config = CiConfig.builder()
                .systemProperties(props("cikit.slack.webhook-url", "https://hooks.example/sysprop"))
                .environment(Map.of("SLACK_WEBHOOK_URL", "https://hooks.example/env"))
                .propertiesFile(f)
                .build();

        assertThat(config.describe("CIKIT_SLACK_WEBHOOK_URL"))
                .isEqualTo("`cikit.slack.webhook.url` / `CIKIT_SLACK_WEBHOOK_URL`: from system property "
                        + "`cikit.slack.webhook-url`; shadows environment variable `SLACK_WEBHOOK_URL` (alias), "
                        + "`cikit.slack.webhook.url` in properties file `" + f + "`")
                .doesNotContain("hooks.example");
    }

    @Test
    void describeOfAMissingKeyListsWhereItWasLookedFor() throws IOException {
        Path f = file("");
        CiConfig config = CiConfig.builder().systemProperties(new Properties()).environment(Map.of()).propertiesFile(f).build();

        assertThat(config.describe("cikit.slack.webhook-url"))
                .isEqualTo("`cikit.slack.webhook-url` / `CIKIT_SLACK_WEBHOOK_URL`: not set; looked in builder, "
                        + "system properties, environment variables `CIKIT_SLACK_WEBHOOK_URL`, "
                        + "`NOTIFICATION__SLACK_WEBHOOK_URL`, `SLACK_WEBHOOK_URL`, properties file `" + f + "`");
    }

    @Test
    void describeOfABuilderValueSaysSo() {
        CiConfig config = isolated().set("cikit.lab.name", "x").build();

        assertThat(config.describe("cikit.lab.name")).endsWith(": from builder key `cikit.lab.name`");
    }

    @Test
    void toStringListsLayersAndKeysButNoValues() {
        CiConfig config = isolated()
                .set("cikit.lab.name", "lab-value-1")
                .environment(Map.of("GITHUB_TOKEN", "ghp_tokenvalue"))
                .build();

        assertThat(config.toString())
                .isEqualTo("CiConfig[layers=[builder, system properties, environment], "
                        + "keys=[cikit.github.token, cikit.lab.name]]");
    }
}
