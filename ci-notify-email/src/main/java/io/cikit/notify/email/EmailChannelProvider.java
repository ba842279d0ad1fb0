package io.cikit.notify.email;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.notify.NotificationChannelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the {@code email} channel from {@code cikit.email.*}: {@code smtp-host} and {@code from} (required),
 * {@code smtp-port}, {@code tls} ({@code starttls} default, {@code smtps}, {@code none}), {@code username} with
 * {@code password}, {@code to} (comma-separated default recipients). The older {@code NOTIFICATION__EMAIL_SMTP_HOST},
 * {@code NOTIFICATION__EMAIL_SMTP_PORT} and {@code NOTIFICATION__EMAIL_FROM} environment names are read too.
 * Registered with {@code ServiceLoader}.
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

    /**
     * Creates the channel from a {@code cikit.email} view.
     *
     * @throws ConfigurationException listing every missing or invalid key at once
     */
    @Override
    public EmailChannel create(ProviderConfig email) {
        List<String> problems = new ArrayList<>();
        try {
            email.validate(ConfigSpec.of(HOST, FROM, PORT));
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
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
        int port = 0;
        try {
            port = email.value(PORT).orElse(0);
        } catch (ConfigurationException e) {
            // validate() has reported it already
        }
        if (port < 0 || port > 65_535) {
            problems.add("`" + email.keyName("smtp-port") + "`: " + port + " is not a port number");
        }
        email.get("from").ifPresent(from -> checkAddress(from, email.keyName("from"), problems));
        List<String> to = email.list("to");
        to.forEach(address -> checkAddress(address, email.keyName("to"), problems));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        EmailChannel.Builder b = EmailChannel.builder().host(email.require(HOST)).port(port).tls(tls)
                .from(email.require(FROM)).to(to);
        username.ifPresent(user -> b.credentials(user, password.orElseThrow()));
        return b.build();
    }

    private static void checkAddress(String address, String key, List<String> problems) {
        try {
            EmailChannel.address(address, "`" + key + "`");
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }
}
