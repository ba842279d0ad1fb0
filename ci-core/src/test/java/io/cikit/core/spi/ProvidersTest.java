package io.cikit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.config.ConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Providers} against real {@code ServiceLoader} discovery: {@code src/test/resources/META-INF/services} lists
 * good {@link Greeter}s around a class that does not exist, one whose constructor throws, one without a name and a
 * duplicate name.
 */
class ProvidersTest {

    private static Providers<Greeter> discovered() {
        return Providers.discover(Greeter.class, Greeter::name, ProvidersTest.class.getClassLoader());
    }

    @Test
    void goodProvidersLoadAroundBrokenEntries() {
        Providers<Greeter> providers = discovered();

        assertThat(providers.names()).containsExactly("english", "french");
        assertThat(providers.find("french").map(g -> g.greet("lab"))).contains("bonjour lab");
    }

    @Test
    void aServicesEntryForAMissingClassIsSkippedAndReported() {
        List<Providers.LoadFailure> failures = discovered().failures();

        assertThat(failures).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(Greeter.class.getName());
            assertThat(f.reason()).contains("io.cikit.core.spi.NoSuchGreeter");
        });
    }

    @Test
    void aProviderWhoseConstructorThrowsIsSkippedAndReportedWithTheCause() {
        List<Providers.LoadFailure> failures = discovered().failures();

        assertThat(failures).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(Greeters.Exploding.class.getName());
            assertThat(f.reason()).contains("IllegalStateException").contains("boom: exploding greeter cannot start");
        });
        assertThat(discovered().find("exploding")).isEmpty();
    }

    @Test
    void aProviderThatAnswersToNoNameIsReportedAndDoesNotBreakLookups() {
        Providers<Greeter> providers = discovered();

        assertThat(providers.failures()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(Greeters.Nameless.class.getName());
            assertThat(f.reason()).contains("no name");
        });
        assertThat(providers.all()).noneMatch(g -> g instanceof Greeters.Nameless);
        assertThat(providers.find("english")).isPresent();
        assertThat(providers.find("klingon")).isEmpty();
    }

    @Test
    void exactlyTheBrokenEntriesAreReported() {
        assertThat(discovered().failures()).hasSize(3);
    }

    @Test
    void ofTwoDiscoveredProvidersWithOneNameTheFirstListedIsKept() {
        Providers<Greeter> providers = discovered();

        assertThat(providers.find("ENGLISH")).containsInstanceOf(Greeters.English.class);
        assertThat(providers.all()).noneMatch(g -> g instanceof Greeters.EnglishAgain);
    }

    @Test
    void anExplicitlyRegisteredProviderWinsOverADiscoveredOneOfTheSameName() {
        Providers<Greeter> providers = discovered().register(new Greeters.Registered("French", "salut"));

        assertThat(providers.find("french").map(g -> g.greet("lab"))).contains("salut lab");
        assertThat(providers.names()).containsExactly("French", "english");
        assertThat(providers.all()).noneMatch(g -> g instanceof Greeters.French);
    }

    @Test
    void registeringANameAgainReplacesTheEarlierRegistrationInPlace() {
        Providers<Greeter> providers = Providers.none(Greeter.class, Greeter::name)
                .register(new Greeters.Registered("a", "first"))
                .register(new Greeters.Registered("b", "b"))
                .register(new Greeters.Registered("A", "second"));

        assertThat(providers.names()).containsExactly("A", "b");
        assertThat(providers.find("a").map(g -> g.greet("x"))).contains("second x");
    }

    @Test
    void registeringAProviderWithoutANameIsRejected() {
        Providers<Greeter> providers = Providers.none(Greeter.class, Greeter::name);

        assertThatThrownBy(() -> providers.register(new Greeters.Registered(" ", "hi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no name");
        assertThat(providers.all()).isEmpty();
    }

    @Test
    void requireOfAnAbsentNameNamesTheArtifactTheAvailableProvidersAndTheFailures() {
        Providers<Greeter> providers = discovered();

        assertThatThrownBy(() -> providers.require("klingon", "greeter", "io.cikit:ci-greeter-klingon"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("`klingon` greeter requested but io.cikit:ci-greeter-klingon is not on the classpath")
                .hasMessageContaining("available: english, french")
                .hasMessageContaining("3 provider(s) failed to load")
                .hasMessageContaining(Greeters.Exploding.class.getName());
    }

    @Test
    void requireOfAPresentNameIgnoresCase() {
        assertThat(discovered().require("French", "greeter", "io.cikit:ci-greeter-french"))
                .isInstanceOf(Greeters.French.class);
    }

    @Test
    void anEmptySetHasNothingToFindAndSaysSoPlainly() {
        Providers<Greeter> none = Providers.none(Greeter.class, Greeter::name);

        assertThat(none.all()).isEmpty();
        assertThat(none.failures()).isEmpty();
        assertThatThrownBy(() -> none.require("english", "greeter", "io.cikit:ci-greeter"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("`english` greeter requested but io.cikit:ci-greeter is not on the classpath");
    }

    @Test
    void theListsHandedOutCannotBeModified() {
        Providers<Greeter> providers = discovered();

        assertThatThrownBy(() -> providers.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> providers.failures().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(providers.names()).hasSize(2);
    }

    @Test
    void aServiceNobodyProvidesDiscoversNothingAndNoFailures() {
        Providers<Runnable> providers = Providers.discover(Runnable.class, Object::toString);

        assertThat(providers.all()).isEmpty();
        assertThat(providers.failures()).isEmpty();
    }

    @Test
    void concurrentRegistrationsAreAllKept() throws Exception {
        Providers<Greeter> providers = Providers.none(Greeter.class, Greeter::name);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        providers.register(new Greeters.Registered("g" + thread + "-" + i, "hi"));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(providers.names()).hasSize(800).doesNotHaveDuplicates();
    }

    /** A directory with a compiled Greeter and its services file, outside the test class path; compiled once. */
    @TempDir
    static Path pluginDir;

    private static Path pluginClasses;

    @BeforeAll
    static void compilePlugin() throws IOException {
        pluginClasses = compilePlugin(pluginDir);
    }

    @Test
    void aCustomClassLoaderFindsProvidersOnlyItCanSee() throws Exception {
        try (URLClassLoader plugins = pluginLoader()) {
            Providers<Greeter> withPlugins = Providers.discover(Greeter.class, Greeter::name, plugins);
            Providers<Greeter> without = discovered();

            assertThat(withPlugins.names()).contains("plugin", "english", "french");
            assertThat(withPlugins.find("plugin").map(g -> g.greet("board"))).contains("plugged board");
            assertThat(without.names()).doesNotContain("plugin");
            assertThatThrownBy(() -> Class.forName("plugin.PluginGreeter", false, ProvidersTest.class.getClassLoader()))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void discoveryWithoutALoaderUsesTheThreadsContextClassLoader() throws Exception {
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        try (URLClassLoader plugins = pluginLoader()) {
            current.setContextClassLoader(plugins);

            assertThat(Providers.discover(Greeter.class, Greeter::name).names()).contains("plugin");
        } finally {
            current.setContextClassLoader(before);
        }
        assertThat(Providers.discover(Greeter.class, Greeter::name).names()).doesNotContain("plugin");
    }

    private static URLClassLoader pluginLoader() throws IOException {
        return new URLClassLoader(new URL[] {pluginClasses.toUri().toURL()}, Greeter.class.getClassLoader());
    }

    /** Compiles a Greeter into a directory the test class path does not include, with its own services file. */
    private static Path compilePlugin(Path dir) throws IOException {
        Path src = dir.resolve("src/plugin/PluginGreeter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package plugin;

                public class PluginGreeter implements io.cikit.core.spi.Greeter {
                    public String name() { return "plugin"; }
                    public String greet(String who) { return "plugged " + who; }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String testClasses = Path.of(toUri(Greeter.class.getProtectionDomain().getCodeSource().getLocation())).toString();
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        assertThat(javac).as("tests need a JDK").isExecutable();
        Process process = new ProcessBuilder(javac.toString(), "-classpath", testClasses, "-d", classes.toString(),
                src.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(waitFor(process)).as("plugin compiles: %s", output).isZero();
        Path services = classes.resolve("META-INF/services/" + Greeter.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "plugin.PluginGreeter\n", StandardCharsets.UTF_8);
        return classes;
    }

    private static int waitFor(Process process) {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("javac did not finish in 60 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.net.URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
