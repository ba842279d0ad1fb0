/** cikit Slack notifications: incoming webhooks and {@code chat.postMessage}. */
module io.cikit.notify.slack {
    requires transitive io.cikit.core;

    exports io.cikit.notify.slack;

    provides io.cikit.core.notify.NotificationChannelProvider with io.cikit.notify.slack.SlackChannelProvider;
}
