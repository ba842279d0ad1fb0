/** cikit Teams notifications: Workflows webhooks with Adaptive Cards. */
module io.cikit.notify.teams {
    requires transitive io.cikit.core;

    exports io.cikit.notify.teams;

    provides io.cikit.core.notify.NotificationChannelProvider with io.cikit.notify.teams.TeamsChannelProvider;
}
