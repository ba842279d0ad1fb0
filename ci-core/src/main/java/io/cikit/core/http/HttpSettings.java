package io.cikit.core.http;

import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.Durations;
import io.cikit.core.config.ProviderConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP settings every provider client reads from its configuration view, so they are spelled alike for Jenkins,
 * GitHub Actions, GitLab and the rest: {@code connect-timeout}, {@code request-timeout} and {@code artifact-hosts}
 * (host globs that downloads may be redirected to, such as object storage). A provider made through
 * {@code ServiceLoader} has no transport handed to it; it builds its own with {@link #transport(List)}.
 *
 * <p>Immutable. A provider reads them with {@link #read(ProviderConfig, ConfigSpec)}, which checks its own keys in
 * the same pass, so an operator sees every bad key in one {@link ConfigurationException}.
 *
 * @param connectTimeout the transport's connect timeout, when configured (default 10 s)
 * @param requestTimeout the transport's per-attempt timeout, when configured (default 30 s)
 * @param artifactHosts the redirect host globs, when configured; empty means "the provider's defaults"
 */
public record HttpSettings(Optional<Duration> connectTimeout, Optional<Duration> requestTimeout,
        List<String> artifactHosts) {

    public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.duration("connect-timeout");
    public static final ConfigKey<Duration> REQUEST_TIMEOUT = ConfigKey.duration("request-timeout");
    /** Comma-separated host globs ({@code *.blob.core.windows.net}); see {@link HttpTransport.Builder#allowRedirectHosts}. */
    public static final ConfigKey<List<String>> ARTIFACT_HOSTS = ConfigKey.list("artifact-hosts");
    /** The three keys. */
    public static final ConfigSpec SPEC = ConfigSpec.of(CONNECT_TIMEOUT, REQUEST_TIMEOUT, ARTIFACT_HOSTS);

    private static final HttpSettings DEFAULTS = new HttpSettings(Optional.empty(), Optional.empty(), List.of());

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        artifactHosts = List.copyOf(artifactHosts);
    }

    /** Nothing configured: the transport's defaults and the provider's default hosts. */
    public static HttpSettings defaults() {
        return DEFAULTS;
    }

    /**
     * The settings in a provider's view.
     *
     * @throws ConfigurationException listing every key that does not parse, a zero timeout, or a host glob that
     *     cannot be a host name
     */
    public static HttpSettings read(ProviderConfig config) {
        return read(config, ConfigSpec.of());
    }

    /**
     * The settings in a provider's view, checking the provider's own keys in the same pass, so one exception lists
     * every problem.
     *
     * @param providerKeys the provider's keys, validated first (their problems come first)
     * @throws ConfigurationException listing every missing or invalid key of both
     */
    public static HttpSettings read(ProviderConfig config, ConfigSpec providerKeys) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(providerKeys, "providerKeys");
        List<String> problems = new ArrayList<>();
        try {
            config.validate(providerKeys);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        Optional<Duration> connect = positive(config, CONNECT_TIMEOUT, problems);
        Optional<Duration> request = positive(config, REQUEST_TIMEOUT, problems);
        List<String> hosts = List.of();
        try {
            hosts = config.value(ARTIFACT_HOSTS).orElse(List.of());
            HttpTransport.builder().allowRedirectHosts(hosts.toArray(String[]::new));
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        } catch (IllegalArgumentException e) {
            problems.add(quoted(config, ARTIFACT_HOSTS) + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new HttpSettings(connect, request, hosts);
    }

    private static Optional<Duration> positive(ProviderConfig config, ConfigKey<Duration> key, List<String> problems) {
        try {
            Optional<Duration> value = config.value(key);
            Optional<String> problem = value.flatMap(d -> Durations.problemIfNotPositive(quoted(config, key), d));
            problem.ifPresent(problems::add);
            return problem.isPresent() ? Optional.empty() : value;
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    /**
     * A new transport with these settings; redirects may go to the configured hosts, or to {@code defaultHosts}
     * when none are configured. Meters go to the global registry: hosts that want their own share a transport
     * instead.
     */
    public HttpTransport transport(List<String> defaultHosts) {
        Objects.requireNonNull(defaultHosts, "defaultHosts");
        HttpTransport.Builder b = HttpTransport.builder()
                .allowRedirectHosts((artifactHosts.isEmpty() ? defaultHosts : artifactHosts).toArray(String[]::new));
        connectTimeout.ifPresent(b::connectTimeout);
        requestTimeout.ifPresent(b::requestTimeout);
        return b.build();
    }

    private static String quoted(ProviderConfig config, ConfigKey<?> key) {
        return "`" + config.keyName(key.name()) + "`";
    }
}
