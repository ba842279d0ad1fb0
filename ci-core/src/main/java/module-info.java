/**
 * cikit core: models, SPI interfaces, engines, HTTP transport, configuration and metrics.
 * Packages named {@code internal} are not exported.
 */
module io.cikit.core {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.slf4j;
    requires transitive micrometer.core;
    requires static transitive org.jspecify;
    requires java.net.http;
    requires java.xml;
    requires org.eclipse.jgit;
    requires org.eclipse.jgit.ssh.apache;
    requires org.apache.commons.compress;
    requires org.tukaani.xz;
    // pure-Java zstd; an automatic module named after its jar
    requires aircompressor;

    exports io.cikit.core;
    exports io.cikit.core.artifact;
    exports io.cikit.core.build;
    exports io.cikit.core.config;
    exports io.cikit.core.dispatch;
    exports io.cikit.core.event;
    exports io.cikit.core.git;
    exports io.cikit.core.http;
    exports io.cikit.core.json;
    exports io.cikit.core.result;
    exports io.cikit.core.regression;
    exports io.cikit.core.report;
    exports io.cikit.core.notify;
    exports io.cikit.core.spi;
    exports io.cikit.core.trigger;
    exports io.cikit.core.webhook;

    uses io.cikit.core.webhook.WebhookParser;
    uses io.cikit.core.build.BuildPayloadParser;
    uses io.cikit.core.notify.NotificationChannelProvider;
    uses io.cikit.core.report.VcsClientProvider;
    uses io.cikit.core.build.BuildTriggerProvider;
    uses io.cikit.core.artifact.ArtifactFetcherProvider;
    uses io.cikit.core.dispatch.HardwareRunnerProvider;

    provides io.cikit.core.dispatch.HardwareRunnerProvider with
            io.cikit.core.dispatch.internal.LocalCommandRunnerProvider,
            io.cikit.core.dispatch.internal.QemuRunnerProvider;
    provides io.cikit.core.notify.NotificationChannelProvider with
            io.cikit.core.notify.internal.WebhookChannelProvider;
}
