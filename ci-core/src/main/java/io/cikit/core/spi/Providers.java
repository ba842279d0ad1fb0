package io.cikit.core.spi;

import io.cikit.core.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place cikit loads SPI implementations: {@code ServiceLoader} discovery (ClassLoader-aware) beside explicit
 * registration. A provider that fails to load is logged, recorded in {@link #failures()} and skipped; it never
 * breaks the others.
 *
 * <p>Thread-safe. Explicitly registered providers come first, in registration order, then discovered ones.
 *
 * @param <S> the service interface
 */
public final class Providers<S> {
    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

    private final Class<S> service;
    private final Function<S, String> nameOf;
    private final CopyOnWriteArrayList<S> registered = new CopyOnWriteArrayList<>();
    private final List<S> discovered;
    private final List<LoadFailure> failures;

    private Providers(Class<S> service, Function<S, String> nameOf, List<S> discovered, List<LoadFailure> failures) {
        this.service = service;
        this.nameOf = nameOf;
        this.discovered = List.copyOf(discovered);
        this.failures = List.copyOf(failures);
    }

    /**
     * An empty set for explicit registration only.
     *
     * @param nameOf the name a provider answers to ({@code WebhookParser::provider}…), used by {@link #find}
     */
    public static <S> Providers<S> none(Class<S> service, Function<S, String> nameOf) {
        return new Providers<>(service, nameOf, List.of(), List.of());
    }

    /** Discovers providers with the thread's context ClassLoader (falling back to the service's own). */
    public static <S> Providers<S> discover(Class<S> service, Function<S, String> nameOf) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return discover(service, nameOf, context != null ? context : service.getClassLoader());
    }

    /** Discovers providers visible to a given ClassLoader (a plugin directory's, say). */
    public static <S> Providers<S> discover(Class<S> service, Function<S, String> nameOf, ClassLoader loader) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(nameOf, "nameOf");
        List<S> found = new ArrayList<>();
        List<LoadFailure> failures = new ArrayList<>();
        ServiceLoader<S> serviceLoader = ServiceLoader.load(service, loader);
        var it = serviceLoader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<S> candidate;
            try {
                if (!it.hasNext()) {
                    break;
                }
                candidate = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(new LoadFailure(service.getName(), describe(e)));
                LOG.warn("Skipping a {} provider that could not be loaded: {}", service.getSimpleName(), describe(e));
                continue;
            }
            try {
                S instance = candidate.get();
                String name = nameOf.apply(instance);
                if (found.stream().noneMatch(p -> nameOf.apply(p).equalsIgnoreCase(name))) {
                    found.add(instance);
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                String type = safeTypeName(candidate);
                failures.add(new LoadFailure(type, describe(e)));
                LOG.warn("Skipping {} provider {}: {}", service.getSimpleName(), type, describe(e));
            }
        }
        return new Providers<>(service, nameOf, found, failures);
    }

    /** Adds a provider by hand; it wins over a discovered one of the same name. Returns this set. */
    public Providers<S> register(S provider) {
        registered.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /** Every provider, registered ones first; a discovered provider shadowed by a registered name is left out. */
    public List<S> all() {
        List<S> out = new ArrayList<>(registered);
        for (S d : discovered) {
            String name = nameOf.apply(d);
            if (out.stream().noneMatch(p -> nameOf.apply(p).equalsIgnoreCase(name))) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /** The names of every provider, in {@link #all()} order. */
    public List<String> names() {
        return all().stream().map(nameOf).toList();
    }

    /** The provider with this name (case-insensitive), if present. */
    public Optional<S> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return all().stream().filter(p -> nameOf.apply(p).toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /**
     * The provider with this name, or a {@link ConfigurationException} that names the Maven artifact to add:
     * "{@code slack} channel requested but {@code io.cikit:ci-notify-slack} is not on the classpath".
     *
     * @param what how to call the provider in the message ({@code channel}, {@code webhook parser}, …)
     * @param artifact the Maven coordinates that ship it
     */
    public S require(String name, String what, String artifact) {
        return find(name).orElseThrow(() -> new ConfigurationException(
                "`" + name + "` " + what + " requested but " + artifact + " is not on the classpath"
                        + (names().isEmpty() ? "" : " (available: " + String.join(", ", names()) + ")")));
    }

    /** Providers that were found but failed to load, with why. */
    public List<LoadFailure> failures() {
        return failures;
    }

    public Class<S> service() {
        return service;
    }

    /** A provider that could not be loaded: its type (or the service's, when unknown) and the reason. */
    public record LoadFailure(String type, String reason) {
        public LoadFailure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? msg : msg + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static String safeTypeName(ServiceLoader.Provider<?> candidate) {
        try {
            return candidate.type().getName();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }
}
