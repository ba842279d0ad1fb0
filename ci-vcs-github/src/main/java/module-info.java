/** cikit GitHub: webhooks and REST client. */
module io.cikit.vcs.github {
    requires transitive io.cikit.core;

    exports io.cikit.vcs.github;

    provides io.cikit.core.webhook.WebhookParser with io.cikit.vcs.github.GitHubWebhookParser;
    provides io.cikit.core.report.VcsClientProvider with io.cikit.vcs.github.GitHubClientProvider;
}
