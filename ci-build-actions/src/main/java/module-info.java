/** cikit GitHub Actions: workflow_run/workflow_job build events, artifacts and workflow_dispatch. */
module io.cikit.build.actions {
    requires transitive io.cikit.core;

    exports io.cikit.build.actions;

    provides io.cikit.core.build.BuildPayloadParser with io.cikit.build.actions.ActionsPayloadParser;
    provides io.cikit.core.build.BuildTriggerProvider with io.cikit.build.actions.ActionsClientProvider;
    provides io.cikit.core.artifact.ArtifactFetcherProvider with io.cikit.build.actions.ActionsClientProvider;
}
