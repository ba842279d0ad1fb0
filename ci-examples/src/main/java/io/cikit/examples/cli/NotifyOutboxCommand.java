package io.cikit.examples.cli;

import io.cikit.core.notify.DeadLetter;
import io.cikit.core.notify.FileOutbox;
import io.cikit.core.notify.OutboxException;
import io.cikit.core.notify.PendingDelivery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cikit notify outbox list|replay --dir DIR}: what a {@link FileOutbox} holds, and putting dead letters back
 * on their way. Both open the outbox the way a dispatcher does (taking its lock: run them while no dispatcher holds
 * the directory) but never create one: a directory without a journal is exit 2.
 */
@Command(name = "outbox", description = "Inspect a notification outbox directory and replay its dead letters.",
        subcommands = {NotifyOutboxCommand.ListCommand.class, NotifyOutboxCommand.ReplayCommand.class})
final class NotifyOutboxCommand {

    /** {@code list}: pending deliveries and dead letters as JSON. */
    @Command(name = "list", description = "Print the outbox's pending deliveries and dead letters as JSON.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dir", required = true, description = "The outbox directory (cikit.notify.outbox-dir).")
        Path dir;

        @Option(names = "--dead", description = "Only the dead letters.")
        boolean deadOnly;

        @Option(names = "--limit", defaultValue = "1000",
                description = "At most this many entries per list (default ${DEFAULT-VALUE}); the counts are always complete.")
        int limit;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Override
        public Integer call() {
            if (limit < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit must not be negative");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            try (FileOutbox outbox = open(dir)) {
                List<PendingDelivery> pending = outbox.pending();
                List<DeadLetter> dead = outbox.deadLetters();
                out.put("dir", dir.toString());
                out.put("counts", Map.of("pending", pending.size(), "deadLetters", dead.size()));
                if (!deadOnly) {
                    out.put("pending", pending.stream().limit(limit).map(NotifyOutboxCommand::pendingJson).toList());
                }
                out.put("deadLetters", dead.stream().limit(limit).map(NotifyOutboxCommand::deadJson).toList());
                out.put("truncated", (deadOnly ? 0 : pending.size()) > limit || dead.size() > limit);
            }
            JsonOut.print(spec.commandLine().getOut(), out, pretty);
            return CliErrors.OK;
        }
    }

    /** {@code replay}: dead letters back to pending, for the next dispatcher on the directory to deliver. */
    @Command(name = "replay", description = "Move dead letters (all, or those matching --id/--channel) back to pending; "
            + "the next dispatcher on the directory delivers them with their original idempotency keys.")
    static final class ReplayCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dir", required = true, description = "The outbox directory (cikit.notify.outbox-dir).")
        Path dir;

        @Option(names = "--id", description = "Only the dead letters of this notification id; repeatable.")
        List<String> ids = new ArrayList<>();

        @Option(names = "--channel", description = "Only the dead letters for this channel; repeatable.")
        List<String> channels = new ArrayList<>();

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Override
        public Integer call() {
            Set<String> idSet = Set.copyOf(ids);
            Set<String> channelSet = Set.copyOf(channels.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList());
            Predicate<DeadLetter> which = d -> (idSet.isEmpty() || idSet.contains(d.notification().id()))
                    && (channelSet.isEmpty() || channelSet.contains(d.channel()));
            List<DeadLetter> moved;
            try (FileOutbox outbox = open(dir)) {
                moved = outbox.requeue(which);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dir", dir.toString());
            out.put("replayed", moved.stream().map(NotifyOutboxCommand::deadJson).toList());
            out.put("count", moved.size());
            JsonOut.print(spec.commandLine().getOut(), out, pretty);
            if (moved.isEmpty()) {
                spec.commandLine().getErr().println("cikit: no dead letter matched; nothing was replayed");
            }
            return CliErrors.OK;
        }
    }

    private static FileOutbox open(Path dir) {
        try {
            return FileOutbox.builder(dir).createIfMissing(false).open();
        } catch (OutboxException e) {
            throw new UnreadableInputException(e.getMessage(), e);
        }
    }

    private static Map<String, Object> pendingJson(PendingDelivery p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notificationId", p.notification().id());
        m.put("channel", p.channel());
        m.put("stage", p.stage().name().toLowerCase(Locale.ROOT));
        m.put("title", p.notification().title());
        m.put("severity", p.notification().severity().name().toLowerCase(Locale.ROOT));
        m.put("timestamp", p.notification().timestamp().toString());
        return m;
    }

    private static Map<String, Object> deadJson(DeadLetter d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notificationId", d.notification().id());
        m.put("channel", d.channel());
        m.put("attempts", d.attempts());
        m.put("lastError", d.reason());
        m.put("deadLetteredAt", d.at().toString());
        m.put("title", d.notification().title());
        m.put("severity", d.notification().severity().name().toLowerCase(Locale.ROOT));
        m.put("timestamp", d.notification().timestamp().toString());
        return m;
    }
}
