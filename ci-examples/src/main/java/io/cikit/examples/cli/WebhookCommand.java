package io.cikit.examples.cli;

import picocli.CommandLine.Command;

/** {@code cikit webhook …}: replay, verify and sign webhook deliveries. */
@Command(name = "webhook", description = "Parse, verify and sign webhook deliveries.",
        subcommands = {WebhookParseCommand.class, WebhookSignCommand.class})
final class WebhookCommand {
}
