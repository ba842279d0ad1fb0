package io.cikit.examples.cli;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RetryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The mixin family of {@code cikit github} and {@code cikit gitlab} subcommands: what they share, with each provider's
 * subclass declaring its own connection options (names and help of that provider). Shared here: {@code --pretty};
 * the provider's configuration ({@code cikit.<provider>.*}: builder, system properties, environment) with the
 * options on top, the token given as a literal or {@code @file}; a configuration the client cannot use is a usage
 * error (exit 2); the transport an operator at a shell gets; and how a call's answer is printed: its JSON (exit 0),
 * or, when the provider refused the call or could not be reached ({@link DeliveryException}),
 * {@code {"ok": false, "error", "retryable", …}} on stdout and the message on stderr (exit 1).
 */
abstract class VcsConnection {
    private final String prefix;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    VcsConnection(String provider) {
        this.prefix = "cikit." + provider;
    }

    /** The subcommand this is mixed into. */
    final CommandLine commandLine() {
        return mixee.commandLine();
    }

    /** What a refusal adds to the JSON error (the provider's HTTP status, when to retry). */
    abstract Map<String, Object> refusal(DeliveryException e);

    /**
     * The provider's configuration, the options beating every other source (CiConfig's builder layer sits above
     * system properties and environment).
     *
     * @param token {@code --token}: a literal or {@code @file}; null when not given
     * @param keysAndValues option values by key under the prefix ({@code "api-url", url, …}); null values are left out
     */
    final ProviderConfig config(String token, String... keysAndValues) {
        CiConfig.Builder config = CiConfig.builder();
        if (token != null) {
            config.set(prefix + ".token", SecretArguments.resolveOne(token).reveal());
        }
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                config.set(prefix + "." + keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return usable(() -> config.build().forPrefix(prefix));
    }

    /** {@code make}'s result; a {@link ConfigurationException} it throws is a usage error naming the keys. */
    final <T> T usable(Supplier<T> make) {
        try {
            return make.get();
        } catch (ConfigurationException e) {
            throw new CommandLine.ParameterException(commandLine(), e.getMessage());
        }
    }

    /** The transport for a call from the shell: an operator waits a minute for a rate limit at most, then hears of it. */
    static HttpTransport transport() {
        return HttpTransport.builder()
                .retryPolicy(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(60)).build())
                .build();
    }

    /** Runs a call to the provider and prints what it returns, or the refusal. */
    final int deliver(Callable<Map<String, Object>> call) {
        CommandLine cl = commandLine();
        try {
            JsonOut.print(cl.getOut(), call.call(), pretty);
            return CliErrors.OK;
        } catch (DeliveryException e) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", false);
            out.put("error", e.getMessage());
            out.put("retryable", e.retryable());
            out.putAll(refusal(e));
            cl.getErr().println("cikit: " + e.getMessage());
            cl.getErr().flush();
            JsonOut.print(cl.getOut(), out, pretty);
            return CliErrors.INPUT_JUDGED_BAD;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
