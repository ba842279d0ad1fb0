package io.cikit.notify.email;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.NotificationChannelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates the {@code email} channel from {@code cikit.email.*}: {@code smtp-host} and {@code from} (required),
 * {@code smtp-port}, {@code tls} ({@code starttls} default, {@code smtps}, {@code none}), {@code username} with
 * {@code password}, {@code to} (comma-separated default recipients). Registered with {@code ServiceLoader}.
 */
public final class EmailChannelProvider implements NotificationChannelProvider {
    private static final ConfigKey<String> HOST = ConfigKey.string("smtp-host").required();
    private static final ConfigKey<String> FROM = ConfigKey.string("from").required();
    private static final ConfigKey<Integer> PORT = ConfigKey.integer("smtp-port");

    /** For {@code ServiceLoader}; does nothing. */
    public EmailChannelProvider() {
    }

    @Override
    public String name() {
        return "email";
    }

    /** @param config full-key lookup ({@code cikit.email.smtp-host}), as the dispatcher passes it */
    @Override
    public NotificationChannel create(Function<String, Optional<String>> config) {
        ProviderConfig all = config::apply;
        return fromConfig(all.forPrefix("cikit.email"));
    }

    /**
     * Creates the channel from a {@code cikit.email} view.
     *
     * @throws ConfigurationException listing every missing or invalid key
     */
    public EmailChannel fromConfig(ProviderConfig email) {
        email.validate(ConfigSpec.of(HOST, FROM, PORT));
        List<String> problems = new ArrayList<>();
        EmailTls tls = EmailTls.STARTTLS;
        Optional<String> tlsText = email.get("tls");
        if (tlsText.isPresent()) {
            Optional<EmailTls> parsed = EmailTls.parse(tlsText.get());
            if (parsed.isEmpty()) {
                problems.add("`" + email.keyName("tls") + "`: not one of starttls, smtps, none");
            } else {
                tls = parsed.get();
            }
        }
        Optional<String> username = email.get("username");
        Optional<Secret> password = email.secret("password");
        if (username.isPresent() != password.isPresent()) {
            problems.add("`" + email.keyName("username") + "` and `" + email.keyName("password") + "` go together");
        }
        int port = email.value(PORT).orElse(0);
        if (port < 0 || port > 65_535) {
            problems.add("`" + email.keyName("smtp-port") + "`: not a port number");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        EmailChannel.Builder b = EmailChannel.builder().host(email.require(HOST)).port(port).tls(tls)
                .from(email.require(FROM)).to(email.list("to"));
        if (username.isPresent()) {
            b.credentials(username.get(), password.orElseThrow());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("`" + email.keyName("from") + "` / `" + email.keyName("to") + "`: " + e.getMessage());
        }
    }
}
