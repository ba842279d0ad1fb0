package io.cikit.core.build;

import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.spi.Providers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CI systems a host talks to, by name: the {@link BuildTrigger} and {@link ArtifactFetcher} of {@code jenkins},
 * {@code actions}, {@code gitlab-ci} or any other system whose provider is on the class path. Each is made on first
 * use by its {@link BuildTriggerProvider} / {@link ArtifactFetcherProvider} from the configuration view the provider
 * names ({@code cikit.<system>.*}, or a shared one such as {@code cikit.github.*} for Actions), then kept;
 * ready-made ones can be {@linkplain #registerTrigger registered} instead.
 *
 * <pre>{@code
 * BuildSystems systems = BuildSystems.discover(CiConfig.fromEnvironment());
 * TriggeredBuild queued = systems.trigger("jenkins").trigger("kernel/linux-next", Map.of("ARCH", "arm64"));
 * List<FetchedArtifact> files = systems.fetchArtifacts(build, a -> a.kind() == ArtifactKind.KERNEL_IMAGE, dir, maxBytes);
 * }</pre>
 *
 * <p>The registration methods are named per kind because the shipped clients are both a trigger and a fetcher
 * (an overloaded {@code register} would be ambiguous for them).
 *
 * <p>Thread-safe; make one per application. Asking for a system nobody provides throws a
 * {@link io.cikit.core.config.ConfigurationException} naming the Maven artifact to add; a provider whose
 * configuration is incomplete throws one listing every missing or invalid key, and is asked again next time.
 */
public final class BuildSystems {
    private static final Logger LOG = LoggerFactory.getLogger(BuildSystems.class);

    // the artifacts that ship the well-known systems, for the message when one is missing
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "jenkins", "io.cikit:ci-build-jenkins",
            "actions", "io.cikit:ci-build-actions",
            "gitlab-ci", "io.cikit:ci-vcs-gitlab");

    private final ProviderConfig config;
    private final Providers<BuildTriggerProvider> triggerProviders;
    private final Providers<ArtifactFetcherProvider> fetcherProviders;
    private final Map<String, BuildTrigger> triggers = new ConcurrentHashMap<>();
    private final Map<String, ArtifactFetcher> fetchers = new ConcurrentHashMap<>();

    private BuildSystems(ProviderConfig config, Providers<BuildTriggerProvider> triggerProviders,
            Providers<ArtifactFetcherProvider> fetcherProviders) {
        this.config = config;
        this.triggerProviders = triggerProviders;
        this.fetcherProviders = fetcherProviders;
    }

    /**
     * The providers {@code ServiceLoader} finds with the thread's context class loader.
     *
     * @param config the whole configuration ({@code CiConfig}); each provider reads its own view of it
     */
    public static BuildSystems discover(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        return new BuildSystems(config, Providers.discover(BuildTriggerProvider.class, BuildTriggerProvider::system),
                Providers.discover(ArtifactFetcherProvider.class, ArtifactFetcherProvider::system));
    }

    /** The providers visible to a given class loader (a plugin directory's, say). */
    public static BuildSystems discover(ProviderConfig config, ClassLoader loader) {
        Objects.requireNonNull(config, "config");
        return new BuildSystems(config,
                Providers.discover(BuildTriggerProvider.class, BuildTriggerProvider::system, loader),
                Providers.discover(ArtifactFetcherProvider.class, ArtifactFetcherProvider::system, loader));
    }

    /** No discovery: only what is registered by hand. */
    public static BuildSystems none(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        return new BuildSystems(config, Providers.none(BuildTriggerProvider.class, BuildTriggerProvider::system),
                Providers.none(ArtifactFetcherProvider.class, ArtifactFetcherProvider::system));
    }

    /**
     * Adds a provider by hand; it wins over a discovered one of the same system, and replaces a trigger of that
     * system made or registered earlier. Returns this.
     */
    public BuildSystems registerTriggerProvider(BuildTriggerProvider provider) {
        triggerProviders.register(provider);
        triggers.remove(key(provider.system()));
        return this;
    }

    /**
     * Adds a provider by hand; it wins over a discovered one of the same system, and replaces a fetcher of that
     * system made or registered earlier. Returns this.
     */
    public BuildSystems registerFetcherProvider(ArtifactFetcherProvider provider) {
        fetcherProviders.register(provider);
        fetchers.remove(key(provider.system()));
        return this;
    }

    /** Uses a ready-made trigger for its {@link BuildTrigger#system()}, instead of making one. Returns this. */
    public BuildSystems registerTrigger(BuildTrigger trigger) {
        Objects.requireNonNull(trigger, "trigger");
        triggers.put(key(trigger.system()), trigger);
        return this;
    }

    /** Uses a ready-made fetcher for its {@link ArtifactFetcher#system()}, instead of making one. Returns this. */
    public BuildSystems registerFetcher(ArtifactFetcher fetcher) {
        Objects.requireNonNull(fetcher, "fetcher");
        fetchers.put(key(fetcher.system()), fetcher);
        return this;
    }

    /**
     * The trigger of a CI system (case-insensitive), made on first use.
     *
     * @throws io.cikit.core.config.ConfigurationException when no provider makes one (naming the artifact to add) or
     *     its configuration is incomplete (naming every key)
     */
    public BuildTrigger trigger(String system) {
        return triggers.computeIfAbsent(key(system), k -> {
            BuildTriggerProvider provider = triggerProviders.require(system, "build trigger", artifact(k));
            LOG.debug("Making the {} build trigger from {}.*", provider.system(), provider.configPrefix());
            return provider.create(config.forPrefix(provider.configPrefix()));
        });
    }

    /**
     * The artifact fetcher of a CI system (case-insensitive), made on first use.
     *
     * @throws io.cikit.core.config.ConfigurationException when no provider makes one (naming the artifact to add) or
     *     its configuration is incomplete (naming every key)
     */
    public ArtifactFetcher fetcher(String system) {
        return fetchers.computeIfAbsent(key(system), k -> {
            ArtifactFetcherProvider provider = fetcherProviders.require(system, "artifact fetcher", artifact(k));
            LOG.debug("Making the {} artifact fetcher from {}.*", provider.system(), provider.configPrefix());
            return provider.create(config.forPrefix(provider.configPrefix()));
        });
    }

    /** The systems a trigger is available for: registered ones and those with a provider. */
    public List<String> triggerSystems() {
        return systems(triggers.values().stream().map(BuildTrigger::system).toList(), triggerProviders.names());
    }

    /** The systems an artifact fetcher is available for: registered ones and those with a provider. */
    public List<String> fetcherSystems() {
        return systems(fetchers.values().stream().map(ArtifactFetcher::system).toList(), fetcherProviders.names());
    }

    /**
     * Downloads the artifacts of a build that {@code wanted} selects, with the fetcher of the build's system: the
     * list comes from {@link ArtifactFetcher#list} (what the system holds now, not the payload's list), and each file
     * goes to {@code directory/<artifact path>}, one at a time, in list order.
     *
     * @param maxBytesEach the size cap of each download
     * @return the downloaded files, in list order
     * @throws io.cikit.core.config.ConfigurationException when there is no fetcher for the build's system
     * @throws IllegalArgumentException when an artifact's path would lead out of {@code directory}
     * @throws io.cikit.core.DeliveryException as {@link ArtifactFetcher#fetch} does; files already downloaded stay
     */
    public List<FetchedArtifact> fetchArtifacts(BuildInfo build, Predicate<? super BuildArtifact> wanted,
            Path directory, long maxBytesEach) {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(directory, "directory");
        if (maxBytesEach < 0) {
            throw new IllegalArgumentException("maxBytesEach must not be negative: " + maxBytesEach);
        }
        ArtifactFetcher fetcher = fetcher(build.system());
        Path root = directory.toAbsolutePath().normalize();
        List<FetchedArtifact> out = new ArrayList<>();
        for (BuildArtifact artifact : fetcher.list(build)) {
            if (wanted.test(artifact)) {
                out.add(fetcher.fetch(build, artifact, target(root, artifact), maxBytesEach));
            }
        }
        return List.copyOf(out);
    }

    private static Path target(Path root, BuildArtifact artifact) {
        String relative = artifact.path().isBlank() ? artifact.name() : artifact.path();
        Path target = root.resolve(relative.replace('\\', '/').replaceAll("^/+", "")).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException("artifact path " + relative + " leads out of " + root);
        }
        return target;
    }

    private static List<String> systems(List<String> ready, List<String> provided) {
        Set<String> keys = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String name : ready) {
            if (keys.add(key(name))) {
                out.add(name);
            }
        }
        for (String name : provided) {
            if (keys.add(key(name))) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    private static String artifact(String key) {
        return KNOWN_ARTIFACTS.getOrDefault(key, "the module that provides it");
    }

    private static String key(String system) {
        return Objects.requireNonNull(system, "system").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "BuildSystems[triggers=" + triggerSystems() + ", fetchers=" + fetcherSystems() + "]";
    }
}
