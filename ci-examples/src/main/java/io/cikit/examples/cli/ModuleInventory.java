package io.cikit.examples.cli;

import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.build.BuildTriggerProvider;
import io.cikit.core.dispatch.HardwareRunnerProvider;
import io.cikit.core.notify.NotificationChannelProvider;
import io.cikit.core.report.VcsClientProvider;
import io.cikit.core.spi.Providers;
import io.cikit.core.webhook.WebhookParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What this runtime holds: the cikit modules on the class path (each ships {@code META-INF/cikit/<module>.properties})
 * and the providers ServiceLoader finds.
 */
final class ModuleInventory {
    /** Every module cikit publishes, in documentation order. */
    static final List<String> KNOWN_MODULES = List.of("ci-core", "ci-vcs-github", "ci-vcs-gitlab", "ci-build-jenkins",
            "ci-build-actions", "ci-notify-slack", "ci-notify-email", "ci-notify-teams", "ci-testkit", "ci-examples");

    private ModuleInventory() {
    }

    static List<String> modules() {
        List<String> present = new ArrayList<>();
        for (String module : KNOWN_MODULES) {
            if (ModuleInventory.class.getClassLoader().getResource("META-INF/cikit/" + module + ".properties") != null) {
                present.add(module);
            }
        }
        return List.copyOf(present);
    }

    static String version() {
        try (InputStream in = ModuleInventory.class.getClassLoader().getResourceAsStream("META-INF/cikit/ci-core.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Map<String, List<String>> providers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("webhook", Providers.discover(WebhookParser.class, p -> p.provider().id()).names());
        out.put("channel", Providers.discover(NotificationChannelProvider.class, NotificationChannelProvider::name).names());
        out.put("runner", Providers.discover(HardwareRunnerProvider.class, HardwareRunnerProvider::name).names());
        out.put("vcs", Providers.discover(VcsClientProvider.class, VcsClientProvider::name).names());
        out.put("buildParser", Providers.discover(BuildPayloadParser.class, BuildPayloadParser::system).names());
        out.put("buildTrigger", Providers.discover(BuildTriggerProvider.class, BuildTriggerProvider::system).names());
        out.put("artifactFetcher", Providers.discover(ArtifactFetcherProvider.class, ArtifactFetcherProvider::system)
                .names());
        return out;
    }

    /** picocli's {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cikit " + version()};
        }
    }
}
