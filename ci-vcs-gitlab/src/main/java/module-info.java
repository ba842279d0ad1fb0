/** cikit GitLab: webhooks, GitLab CI build payloads and the REST client. */
module io.cikit.vcs.gitlab {
    requires transitive io.cikit.core;

    exports io.cikit.vcs.gitlab;

    provides io.cikit.core.webhook.WebhookParser with io.cikit.vcs.gitlab.GitLabWebhookParser;
    provides io.cikit.core.build.BuildPayloadParser with io.cikit.vcs.gitlab.GitLabCiBuildParser;
    provides io.cikit.core.report.VcsClientProvider with io.cikit.vcs.gitlab.GitLabClientProvider;
    provides io.cikit.core.build.BuildTriggerProvider with io.cikit.vcs.gitlab.GitLabCiClientProvider;
    provides io.cikit.core.artifact.ArtifactFetcherProvider with io.cikit.vcs.gitlab.GitLabCiClientProvider;
}
