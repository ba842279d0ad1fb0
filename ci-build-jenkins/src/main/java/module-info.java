/** cikit Jenkins: build payloads, the Jenkins webhook endpoint, and the REST client. */
module io.cikit.build.jenkins {
    requires transitive io.cikit.core;

    exports io.cikit.build.jenkins;

    provides io.cikit.core.webhook.WebhookParser with io.cikit.build.jenkins.JenkinsWebhookParser;
    provides io.cikit.core.build.BuildPayloadParser with io.cikit.build.jenkins.JenkinsPayloadParser;
    provides io.cikit.core.build.BuildTriggerProvider with io.cikit.build.jenkins.JenkinsClientProvider;
    provides io.cikit.core.artifact.ArtifactFetcherProvider with io.cikit.build.jenkins.JenkinsClientProvider;
}
