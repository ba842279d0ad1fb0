package io.cikit.core.notify.internal;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.notify.NotificationChannelProvider;
import io.cikit.core.notify.WebhookChannel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the {@code webhook} channel from {@code cikit.webhook.*}: {@code url} (required), {@code signing-secret},
 * {@code signature-header}, {@code headers} ({@code Name: value} items, comma-separated), {@code timeout}.
 * Registered with {@code ServiceLoader} by ci-core itself.
 *
 * <p>The signing key is {@code signing-secret}, not {@code cikit.webhook.secret}: that one holds the secrets that
 * verify incoming webhooks, and a receiver of notifications must not learn them.
 */
public final class WebhookChannelProvider implements NotificationChannelProvider {
    private static final ConfigKey<URI> URL = ConfigKey.uri("url").required();
    private static final ConfigKey<Secret> SIGNING_SECRET = ConfigKey.secretValue("signing-secret");
    private static final ConfigKey<String> SIGNATURE_HEADER = ConfigKey.string("signature-header");
    private static final ConfigKey<Map<String, Secret>> HEADERS = ConfigKey.of("headers",
            "a comma-separated list of `Name: value` headers", WebhookChannelProvider::headers).secret();
    private static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout");

    /** For {@code ServiceLoader}; does nothing. */
    public WebhookChannelProvider() {
    }

    @Override
    public String name() {
        return WebhookChannel.NAME;
    }

    /** @throws ConfigurationException naming every missing or invalid key at once */
    @Override
    public WebhookChannel create(ProviderConfig config) {
        List<String> problems = new ArrayList<>();
        try {
            config.validate(ConfigSpec.of(URL, SIGNING_SECRET, SIGNATURE_HEADER, HEADERS, TIMEOUT));
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        WebhookChannel.Builder b = WebhookChannel.builder();
        apply(problems, config, URL, b::url, "must be an absolute http or https URL");
        apply(problems, config, SIGNING_SECRET, b::signingSecret, "must not be empty");
        apply(problems, config, SIGNATURE_HEADER, b::signatureHeader, "is not a valid header name");
        apply(problems, config, HEADERS, headers -> headers.forEach(b::header), "holds a header that cannot be set");
        apply(problems, config, TIMEOUT, b::timeout, "must be positive");
        if (problems.isEmpty()) {
            try {
                return b.build();
            } catch (IllegalStateException e) {
                problems.add("`" + config.keyName("headers") + "`: " + e.getMessage());
            }
        }
        throw new ConfigurationException(problems);
    }

    /** Sets a parsed value on the builder, turning the builder's refusal into a problem naming the key. */
    private static <T> void apply(List<String> problems, ProviderConfig config, ConfigKey<T> key,
            java.util.function.Consumer<T> setter, String refusal) {
        Optional<T> value;
        try {
            value = config.value(key);
        } catch (ConfigurationException e) {
            return; // validate() has reported it
        }
        try {
            value.ifPresent(setter);
        } catch (IllegalArgumentException e) {
            problems.add("`" + config.keyName(key.name()) + "` " + refusal);
        }
    }

    private static Map<String, Secret> headers(String text) {
        Map<String, Secret> out = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not `Name: value`");
            }
            out.put(item.substring(0, colon).strip(), Secret.of(item.substring(colon + 1).strip()));
        }
        return out;
    }
}
