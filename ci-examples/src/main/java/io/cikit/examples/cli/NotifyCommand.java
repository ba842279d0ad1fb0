package io.cikit.examples.cli;

import io.cikit.core.config.CiConfig;
import io.cikit.core.notify.DeliveryResult;
import io.cikit.core.notify.GroupingPolicy;
import io.cikit.core.notify.InMemoryOutbox;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationDispatcher;
import io.cikit.core.notify.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cikit notify …}: send a notification through the configured channels; {@code outbox list|replay}. */
@Command(name = "notify", description = "Send notifications (Slack, email, Teams, webhook, or channels found through "
        + "the SPI) and inspect an outbox.",
        subcommands = {NotifyCommand.Send.class, NotifyOutboxCommand.class})
final class NotifyCommand {

    /**
     * {@code cikit notify send --channel NAME … --severity S --title T --message M [--meta k=v]…}: sends at once (no
     * grouping) and waits for each channel's answer, retries included, up to {@code --timeout}. Exit 1 when a channel
     * did not deliver.
     */
    @Command(name = "send", description = "Send one notification now and print each channel's result as JSON.")
    static final class Send implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--channel", required = true, description = "Channel name (slack, email, teams, …); repeatable.")
        List<String> channels;

        @Option(names = "--config", description = "A properties file with channel settings (cikit.slack.webhook-url, …).")
        Path config;

        @Option(names = "--severity", defaultValue = "info", description = "info, warning, error or critical.")
        String severity;

        @Option(names = "--title", required = true)
        String title;

        @Option(names = "--message", required = true)
        String message;

        @Option(names = "--meta", paramLabel = "k=v", description = "Metadata shown with the notification; repeatable.")
        Map<String, String> meta = new LinkedHashMap<>();

        @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the channels (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Override
        public Integer call() throws Exception {
            Severity level = Severity.parse(severity).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--severity must be info, warning, error or critical"));
            CiConfig.Builder configBuilder = CiConfig.builder();
            if (config != null) {
                configBuilder.propertiesFile(config);
            }
            CiConfig cfg = configBuilder.build();
            Notification notification = Notification.builder().title(title).message(message).severity(level)
                    .channels(channels).metadata(meta).build();
            List<Map<String, Object>> out = new ArrayList<>();
            boolean allDelivered = true;
            try (NotificationDispatcher dispatcher = NotificationDispatcher.builder()
                    .config(cfg)
                    .outbox(new InMemoryOutbox())
                    .grouping(GroupingPolicy.none())
                    .build()) {
                List<DeliveryResult> results;
                try {
                    results = dispatcher.send(notification).completion().get(timeoutSeconds, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new UnreadableInputException("no answer from the channels within " + Duration.ofSeconds(timeoutSeconds));
                }
                for (DeliveryResult r : results) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("channel", r.channel());
                    line.put("success", r.success());
                    line.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
                    line.put("attempts", r.attempts());
                    line.put("error", r.error().orElse(null));
                    out.add(line);
                    allDelivered &= r.success();
                }
            }
            JsonOut.print(spec.commandLine().getOut(), out, pretty);
            return allDelivered ? CliErrors.OK : CliErrors.INPUT_JUDGED_BAD;
        }
    }
}
