package io.cikit.vcs.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.report.StatusState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GitLabCommitStateTest {

    @Test
    void cikitStatesMapToGitLabWords() {
        assertThat(GitLabCommitState.of(StatusState.PENDING).wireName()).isEqualTo("pending");
        assertThat(GitLabCommitState.of(StatusState.SUCCESS).wireName()).isEqualTo("success");
        assertThat(GitLabCommitState.of(StatusState.FAILURE).wireName()).isEqualTo("failed");
        assertThat(GitLabCommitState.of(StatusState.ERROR).wireName()).isEqualTo("failed");
    }

    @ParameterizedTest
    @EnumSource(GitLabCommitState.class)
    void wireNamesAreTheSixWordsTheApiTakes(GitLabCommitState state) {
        assertThat(state.wireName()).isIn("pending", "running", "success", "failed", "canceled", "skipped");
    }
}
