package io.cikit.notify.slack;

import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.notify.NotificationChannelProvider;
import java.net.URI;
import java.util.Optional;

/**
 * Creates the {@code slack} channel from {@code cikit.slack.webhook-url} (also read from the older
 * {@code SLACK_WEBHOOK_URL} / {@code NOTIFICATION__SLACK_WEBHOOK_URL}), or from {@code cikit.slack.token} with
 * {@code cikit.slack.channel} (the webhook wins when both are set). Registered with {@code ServiceLoader}.
 */
public final class SlackChannelProvider implements NotificationChannelProvider {

    /** For {@code ServiceLoader}; does nothing. */
    public SlackChannelProvider() {
    }

    @Override
    public String name() {
        return "slack";
    }

    /**
     * Creates the channel from a {@code cikit.slack} view ({@code get("webhook-url")}).
     *
     * @throws ConfigurationException naming the keys when neither a webhook nor a token with a channel is set, or
     *     the webhook URL is not a URL (whose value it never shows)
     */
    @Override
    public SlackChannel create(ProviderConfig slack) {
        Optional<URI> webhook = slack.uri("webhook-url");
        if (webhook.isPresent()) {
            return SlackChannel.builder().webhook(webhook.get()).build();
        }
        Optional<Secret> token = slack.secret("token");
        Optional<String> channel = slack.get("channel");
        if (token.isPresent() && channel.isPresent()) {
            return SlackChannel.builder().token(token.get()).channel(channel.get()).build();
        }
        if (token.isPresent()) {
            throw new ConfigurationException("`" + slack.keyName("channel") + "` is required with `" + slack.keyName("token") + "`");
        }
        throw new ConfigurationException("set `" + slack.keyName("webhook-url") + "`, or `" + slack.keyName("token")
                + "` with `" + slack.keyName("channel") + "`");
    }
}
