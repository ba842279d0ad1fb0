package io.cikit.vcs.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.testkit.build.BuildPayloadParserContract;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The GitLab CI parser, under the test kit's {@link BuildPayloadParserContract}: mutated Pipeline and Job Hook
 * examples parse, or are refused as malformed. A body whose {@code object_kind} a mutation changed is no build
 * report at all (the parser answers empty); it counts as refused here.
 */
class GitLabCiBuildParserProperties extends BuildPayloadParserContract {
    private final GitLabCiBuildParser parser = new GitLabCiBuildParser();

    @Override
    protected String system() {
        return "gitlab-ci";
    }

    @Override
    protected List<byte[]> samples() {
        return List.of(GitLabFixtures.bytes("pipeline.json"), GitLabFixtures.bytes("job.json"));
    }

    @Override
    protected BuildInfo parse(byte[] body) {
        EventContext context = new EventContext(Provider.GITLAB_CI, Optional.empty(), Instant.EPOCH,
                new RawPayload("Pipeline Hook", Json.read(body, JsonLimits.DEFAULT)));
        return parser.parse(context).orElseThrow(() -> new MalformedJsonException("neither a pipeline nor a job hook"))
                .build();
    }

    /** Ids keep their kind; a build is complete exactly when its status is final. */
    @Override
    protected void checkParsed(BuildInfo build) {
        assertThat(build.buildId()).matches("(pipeline|job):-?\\d+");
        assertThat(build.complete()).isEqualTo(build.status().isFinal());
    }
}
