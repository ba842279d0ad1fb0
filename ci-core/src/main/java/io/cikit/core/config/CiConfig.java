package io.cikit.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * cikit's configuration: layered sources read once into an immutable snapshot. Highest layer first:
 * <ol>
 *   <li>values {@link Builder#set set} on the builder;</li>
 *   <li>system properties in the {@code cikit.} namespace ({@code -Dcikit.slack.webhook-url=…});</li>
 *   <li>environment variables starting with {@code CIKIT_}, then the {@linkplain #DEFAULT_ALIASES aliases} for
 *       well-known names ({@code GITHUB_TOKEN}); a {@code CIKIT_} name beats an alias of the same key;</li>
 *   <li>a UTF-8 {@code .properties} file, if one is given.</li>
 * </ol>
 * Keys match after folding case and treating {@code .}, {@code -} and {@code _} alike: {@code cikit.slack.webhook-url},
 * {@code CIKIT_SLACK_WEBHOOK_URL} and {@code Cikit_Slack_Webhook_Url} are one key. Values are stripped; an empty
 * value counts as not set.
 *
 * <p>Immutable and thread-safe. {@link #toString()} and {@link #describe} name keys and sources, never values.
 * {@link Builder#build()} throws {@link ConfigurationException} listing every problem with the sources: a missing,
 * unreadable, oversized (over {@value #MAX_FILE_BYTES} bytes) or non-UTF-8 properties file, or two spellings of one
 * key in the same layer holding different values.
 */
public final class CiConfig implements ProviderConfig {

    /** The largest properties file read: 1 MiB. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /**
     * Environment variables read as cikit keys although they lack the {@code CIKIT_} prefix, in the order they are
     * consulted when several alias the same key.
     */
    public static final Map<String, String> DEFAULT_ALIASES = aliasTable(
            "GITHUB_TOKEN", "cikit.github.token",
            "GITLAB_TOKEN", "cikit.gitlab.token",
            "WEBHOOK_SECRET", "cikit.webhook.secret",
            "NOTIFICATION__SLACK_WEBHOOK_URL", "cikit.slack.webhook-url",
            "SLACK_WEBHOOK_URL", "cikit.slack.webhook-url",
            "NOTIFICATION__EMAIL_SMTP_HOST", "cikit.email.smtp-host",
            "NOTIFICATION__EMAIL_SMTP_PORT", "cikit.email.smtp-port",
            "NOTIFICATION__EMAIL_FROM", "cikit.email.from",
            "MSTEAMS_WEBHOOK_URL", "cikit.teams.webhook-url");

    private static final String ENVIRONMENT = "environment";
    private static final CiConfig EMPTY = new CiConfig(List.of(), Map.of());

    private final List<Layer> layers;
    /** Folded key to the alias names that feed it, for {@link #describe}. */
    private final Map<String, List<String>> aliasNames;

    private CiConfig(List<Layer> layers, Map<String, List<String>> aliasNames) {
        this.layers = List.copyOf(layers);
        this.aliasNames = Map.copyOf(aliasNames);
    }

    /** A configuration where nothing is set. */
    public static CiConfig empty() {
        return EMPTY;
    }

    /** The process's system properties and environment, read now. */
    public static CiConfig fromEnvironment() {
        return builder().build();
    }

    /** A builder that reads the real system properties and environment unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<String> get(String key) {
        String folded = KeyName.fold(KeyName.checked(key));
        for (Layer layer : layers) {
            List<Layer.Setting> found = layer.settings().get(folded);
            if (found != null) {
                return Optional.of(found.get(0).value());
            }
        }
        return Optional.empty();
    }

    /**
     * Which source supplies a key and which it shadows, or where it was looked for; never the value.
     * For operators: "{@code `cikit.github.token` / `CIKIT_GITHUB_TOKEN`: from environment variable `GITHUB_TOKEN`
     * (alias); shadows `cikit.github.token` in properties file `/etc/cikit.properties`}".
     */
    @Override
    public String describe(String key) {
        String name = keyName(key);
        String folded = KeyName.fold(name);
        List<String> sources = new ArrayList<>();
        for (Layer layer : layers) {
            for (Layer.Setting s : layer.settings().getOrDefault(folded, List.of())) {
                sources.add(s.source());
            }
        }
        String head = KeyName.forMessage(name) + ": ";
        if (sources.isEmpty()) {
            List<String> looked = new ArrayList<>();
            for (Layer layer : layers) {
                looked.add(layer.name().equals(ENVIRONMENT) ? environmentNames(name, folded) : layer.name());
            }
            return head + "not set" + (looked.isEmpty() ? " (empty configuration)" : "; looked in " + String.join(", ", looked));
        }
        return head + "from " + sources.get(0)
                + (sources.size() > 1 ? "; shadows " + String.join(", ", sources.subList(1, sources.size())) : "");
    }

    /** The layers and the keys set (folded), never values. */
    @Override
    public String toString() {
        TreeSet<String> keys = new TreeSet<>();
        layers.forEach(l -> keys.addAll(l.settings().keySet()));
        List<String> names = layers.stream().map(Layer::name).toList();
        return "CiConfig[layers=" + names + ", keys=" + keys + "]";
    }

    private String environmentNames(String name, String folded) {
        List<String> names = new ArrayList<>();
        names.add("`" + KeyName.envForm(name) + "`");
        aliasNames.getOrDefault(folded, List.of()).forEach(a -> names.add("`" + a + "`"));
        return "environment variables " + String.join(", ", names);
    }

    private static Map<String, String> aliasTable(String... pairs) {
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(table);
    }

    /**
     * Builds a {@link CiConfig}. Not thread-safe; {@link #build()} may be called more than once and reads the
     * properties file each time.
     */
    public static final class Builder {
        private final Map<String, Layer.Setting> values = new LinkedHashMap<>();
        private final Map<String, String> hostAliases = new LinkedHashMap<>();
        private @Nullable Map<String, String> systemProperties;
        private @Nullable Map<String, String> environment;
        private @Nullable Path propertiesFile;

        private Builder() {}

        /** Sets a key, above every other source; setting the same key again (in any spelling) replaces it. */
        public Builder set(String key, String value) {
            String checked = KeyName.checked(key);
            Objects.requireNonNull(value, "value");
            String folded = KeyName.fold(checked);
            values.remove(folded);
            values.put(folded, new Layer.Setting("builder key `" + checked + "`", value));
            return this;
        }

        /** The lowest layer: a UTF-8 {@code .properties} file that must exist when {@link #build()} runs. */
        public Builder propertiesFile(Path file) {
            this.propertiesFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Uses these system properties (copied now) instead of {@link System#getProperties()}. */
        public Builder systemProperties(Properties properties) {
            this.systemProperties = copy(Objects.requireNonNull(properties, "properties"));
            return this;
        }

        /** Uses this environment (copied now) instead of {@link System#getenv()}. */
        public Builder environment(Map<String, String> environment) {
            this.environment = new LinkedHashMap<>(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * Reads an environment variable as a key. Host aliases are consulted before the {@link #DEFAULT_ALIASES},
         * in the order added; aliasing a name again replaces its key. A {@code CIKIT_} name still beats any alias.
         */
        public Builder alias(String envName, String key) {
            String name = KeyName.checked(envName);
            String target = KeyName.checked(key);
            hostAliases.keySet().removeIf(n -> KeyName.fold(n).equals(KeyName.fold(name)));
            hostAliases.put(name, target);
            return this;
        }

        /** @throws ConfigurationException listing every problem with the sources */
        public CiConfig build() {
            List<String> problems = new ArrayList<>();
            List<Layer> layers = new ArrayList<>();

            Map<String, List<Layer.Setting>> fromBuilder = new LinkedHashMap<>();
            values.forEach((folded, setting) -> {
                if (!setting.value().isBlank()) {
                    fromBuilder.put(folded, List.of(new Layer.Setting(setting.source(), setting.value().strip())));
                }
            });
            layers.add(new Layer("builder", fromBuilder));

            Map<String, String> props = systemProperties != null ? systemProperties : copy(System.getProperties());
            layers.add(new Layer("system properties",
                    Layer.read(props, true, n -> "system property `" + n + "`", "system properties", problems)));

            Map<String, String> env = environment != null ? environment : System.getenv();
            Map<String, String> aliases = new LinkedHashMap<>(hostAliases);
            DEFAULT_ALIASES.forEach((name, key) -> {
                if (aliases.keySet().stream().noneMatch(n -> KeyName.fold(n).equals(KeyName.fold(name)))) {
                    aliases.put(name, key);
                }
            });
            layers.add(new Layer(ENVIRONMENT, EnvironmentLayer.read(env, aliases, problems)));

            if (propertiesFile != null) {
                Path file = propertiesFile;
                String where = "properties file `" + file + "`";
                PropertiesFile.read(file, problems).ifPresent(entries -> layers.add(new Layer(where,
                        Layer.read(entries, false, n -> "`" + n + "` in " + where, where + ": keys", problems))));
            }

            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            Map<String, List<String>> aliasNames = new LinkedHashMap<>();
            aliases.forEach((name, key) -> aliasNames.computeIfAbsent(KeyName.fold(key), k -> new ArrayList<>()).add(name));
            aliasNames.replaceAll((k, v) -> List.copyOf(v));
            return new CiConfig(layers, aliasNames);
        }

        private static Map<String, String> copy(Properties properties) {
            Map<String, String> copy = new LinkedHashMap<>();
            for (String name : properties.stringPropertyNames()) {
                String value = properties.getProperty(name);
                // another thread may remove a property between the two calls
                if (value != null) {
                    copy.put(name, value);
                }
            }
            return copy;
        }
    }
}
