package io.cikit.core.spi;

import io.cikit.core.config.ConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place cikit loads SPI implementations: {@code ServiceLoader} discovery (ClassLoader-aware) beside explicit
 * registration. A provider that fails to load, or answers to no name, is logged, recorded in {@link #failures()} and
 * skipped; it never breaks the others.
 *
 * <p>Thread-safe. Explicitly registered providers come first, in registration order, then discovered ones. Names
 * compare case-insensitively; each name appears once in {@link #all()}: a registered provider shadows a discovered
 * one, registering a name again replaces the earlier registration, and of two discovered providers with one name the
 * first found is kept (the other is logged). Discovery gives up after 1000 failures.
 *
 * @param <S> the service interface
 */
public final class Providers<S> {
    /** Bounds discovery against a class loader that keeps failing on the same entry. */
    static final int MAX_FAILURES = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

    private final Class<S> service;
    private final Function<S, String> nameOf;
    private final List<Named<S>> discovered;
    private final List<LoadFailure> failures;
    private final Object registering = new Object();
    private volatile List<Named<S>> registered = List.of();
    // what the lookups read, rebuilt on each registration: lookups happen per delivery, registrations at start-up
    private volatile Snapshot<S> snapshot;

    private Providers(Class<S> service, Function<S, String> nameOf, List<Named<S>> discovered, List<LoadFailure> failures) {
        this.service = service;
        this.nameOf = nameOf;
        this.discovered = List.copyOf(discovered);
        this.failures = List.copyOf(failures);
        this.snapshot = Snapshot.of(registered, this.discovered);
    }

    /**
     * An empty set for explicit registration only.
     *
     * @param nameOf the name a provider answers to ({@code WebhookParser::provider}…), used by {@link #find}
     */
    public static <S> Providers<S> none(Class<S> service, Function<S, String> nameOf) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(nameOf, "nameOf");
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
        List<Named<S>> found = new ArrayList<>();
        List<LoadFailure> failures = new ArrayList<>();
        // in a named module ServiceLoader refuses services the module does not declare `uses` for; a host's own SPI
        // would otherwise fail here (no-op on the class path)
        Providers.class.getModule().addUses(service);
        var it = ServiceLoader.load(service, loader).stream().iterator();
        while (failures.size() < MAX_FAILURES) {
            ServiceLoader.Provider<S> candidate;
            try {
                if (!it.hasNext()) {
                    break;
                }
                candidate = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // the services file names a class that is missing, not a subtype, or has no public no-arg constructor
                failures.add(new LoadFailure(service.getName(), describe(e)));
                LOG.warn("Skipping a {} provider that could not be loaded: {}", service.getSimpleName(), describe(e));
                continue;
            }
            String type = safeTypeName(candidate);
            try {
                S instance = candidate.get();
                String name = nameOf.apply(instance);
                if (name == null || name.isBlank()) {
                    failures.add(new LoadFailure(type, "answers to no name"));
                    LOG.warn("Skipping {} provider {}: it answers to no name", service.getSimpleName(), type);
                    continue;
                }
                Named<S> named = Named.of(name, instance);
                Optional<Named<S>> earlier = found.stream().filter(n -> n.key().equals(named.key())).findFirst();
                if (earlier.isPresent()) {
                    LOG.warn("Ignoring {} provider {}: `{}` is already provided by {}", service.getSimpleName(), type,
                            name, earlier.get().provider().getClass().getName());
                } else {
                    found.add(named);
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(new LoadFailure(type, describe(e)));
                LOG.warn("Skipping {} provider {}: {}", service.getSimpleName(), type, describe(e));
            }
        }
        if (failures.size() >= MAX_FAILURES) {
            LOG.warn("Stopped discovering {} providers after {} failures", service.getSimpleName(), MAX_FAILURES);
        }
        return new Providers<>(service, nameOf, found, failures);
    }

    /**
     * Adds a provider by hand; it wins over a discovered one of the same name and replaces an earlier registration
     * of that name. Returns this set.
     *
     * @throws IllegalArgumentException when the provider answers to no name
     */
    public Providers<S> register(S provider) {
        Objects.requireNonNull(provider, "provider");
        String name = nameOf.apply(provider);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(provider.getClass().getName() + " answers to no name");
        }
        Named<S> named = Named.of(name, provider);
        synchronized (registering) {
            List<Named<S>> next = new ArrayList<>(registered);
            int at = indexOf(next, named.key());
            if (at >= 0) {
                next.set(at, named);
            } else {
                next.add(named);
            }
            registered = List.copyOf(next);
            snapshot = Snapshot.of(registered, discovered);
        }
        return this;
    }

    /** Every provider, registered ones first; a discovered provider shadowed by a registered name is left out. */
    public List<S> all() {
        return snapshot.providers();
    }

    /** The names of every provider, in {@link #all()} order. */
    public List<String> names() {
        return snapshot.names();
    }

    /** The provider with this name (case-insensitive), if present. */
    public Optional<S> find(String name) {
        return Optional.ofNullable(snapshot.byKey().get(key(Objects.requireNonNull(name, "name"))));
    }

    /**
     * The provider with this name, or a {@link ConfigurationException} that names the Maven artifact to add:
     * "{@code slack} channel requested but {@code io.cikit:ci-notify-slack} is not on the classpath", followed by the
     * providers available and those that failed to load (one of them may be the one asked for).
     *
     * @param what how to call the provider in the message ({@code channel}, {@code webhook parser}, …)
     * @param artifact the Maven coordinates that ship it
     */
    public S require(String name, String what, String artifact) {
        return find(name).orElseThrow(() -> {
            List<String> names = names();
            StringBuilder message = new StringBuilder()
                    .append('`').append(name).append("` ").append(what).append(" requested but ").append(artifact)
                    .append(" is not on the classpath");
            if (!names.isEmpty()) {
                message.append(" (available: ").append(String.join(", ", names)).append(')');
            }
            if (!failures.isEmpty()) {
                message.append("; ").append(failures.size()).append(" provider(s) failed to load: ")
                        .append(String.join("; ", failures.stream().map(f -> f.type() + ": " + f.reason()).toList()));
            }
            return new ConfigurationException(message.toString());
        });
    }

    /** Providers that were found but failed to load, with why. */
    public List<LoadFailure> failures() {
        return failures;
    }

    public Class<S> service() {
        return service;
    }

    @Override
    public String toString() {
        return "Providers[" + service.getName() + ": " + names() + (failures.isEmpty() ? "" : ", " + failures.size() + " failed") + "]";
    }

    /** A provider that could not be loaded: its type (or the service's, when unknown) and the reason. */
    public record LoadFailure(String type, String reason) {
        public LoadFailure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A provider with the name it answered when it was added; asked once, so a misbehaving name() cannot break lookups. */
    private record Named<S>(String name, String key, S provider) {
        static <S> Named<S> of(String name, S provider) {
            return new Named<>(name, Providers.key(name), provider);
        }
    }

    /** Every provider in {@link #all()} order, with its name and by its lower-cased name. */
    private record Snapshot<S>(List<S> providers, List<String> names, Map<String, S> byKey) {
        static <S> Snapshot<S> of(List<Named<S>> registered, List<Named<S>> discovered) {
            List<Named<S>> entries = new ArrayList<>(registered);
            for (Named<S> d : discovered) {
                if (indexOf(entries, d.key()) < 0) {
                    entries.add(d);
                }
            }
            Map<String, S> byKey = new HashMap<>();
            entries.forEach(n -> byKey.put(n.key(), n.provider()));
            return new Snapshot<>(entries.stream().map(Named::provider).toList(), entries.stream().map(Named::name).toList(),
                    Map.copyOf(byKey));
        }
    }

    private static <S> int indexOf(List<Named<S>> list, String key) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
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
