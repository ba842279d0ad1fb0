package io.cikit.examples.cli;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RetryPolicy;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * What the connection mixins of {@code cikit github} and {@code cikit gitlab} share: the provider's configuration
 * ({@code cikit.<provider>.*}: builder, system properties, environment) with the options on top, the token given as
 * a literal or {@code @file}; a configuration the client cannot use is a usage error (exit 2); and the transport an
 * operator at a shell gets. Subclasses declare the options, with the provider's names and help.
 */
abstract class VcsConnection {
    private final String prefix;

    VcsConnection(String provider) {
        this.prefix = "cikit." + provider;
    }

    /**
     * The provider's configuration, the options beating every other source (CiConfig's builder layer sits above
     * system properties and environment).
     *
     * @param token {@code --token}: a literal or {@code @file}; null when not given
     * @param keysAndValues option values by key under the prefix ({@code "api-url", url, …}); null values are left out
     */
    final ProviderConfig config(CommandLine cl, String token, String... keysAndValues) {
        CiConfig.Builder config = CiConfig.builder();
        if (token != null) {
            config.set(prefix + ".token", SecretArguments.resolveOne(token).reveal());
        }
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                config.set(prefix + "." + keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return usable(cl, () -> config.build().forPrefix(prefix));
    }

    /** {@code make}'s result; a {@link ConfigurationException} it throws is a usage error naming the keys. */
    static <T> T usable(CommandLine cl, Supplier<T> make) {
        try {
            return make.get();
        } catch (ConfigurationException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** The transport for a call from the shell: an operator waits a minute for a rate limit at most, then hears of it. */
    static HttpTransport transport() {
        return HttpTransport.builder()
                .retryPolicy(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(60)).build())
                .build();
    }
}
