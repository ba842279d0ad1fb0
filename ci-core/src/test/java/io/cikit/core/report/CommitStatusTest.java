package io.cikit.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitStatusTest {

    @Test
    void contextsJoinBoardAndSuiteLeavingOutBlanks() {
        assertThat(CommitStatus.context("cikit", "rpi4", "kselftest")).isEqualTo("cikit/rpi4/kselftest");
        assertThat(CommitStatus.context("cikit", " ", "boot")).isEqualTo("cikit/boot");
        assertThatThrownBy(() -> CommitStatus.context(" ", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlankContextIsRefused() {
        assertThatThrownBy(() -> CommitStatus.of(StatusState.SUCCESS, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFourStatesOfTheSeedsAreThere() {
        assertThat(List.of(StatusState.values())).extracting(StatusState::name)
                .containsExactly("PENDING", "SUCCESS", "FAILURE", "ERROR");
    }

    @Test
    void aDiffListsBothPathsOfARenameOnce() {
        CommitDiff diff = new CommitDiff(List.of(
                new ChangedFile("new/a.c", ChangedFile.Kind.RENAMED, "renamed", Optional.of("old/a.c"), 0, 0),
                new ChangedFile("b.c", ChangedFile.Kind.MODIFIED, "modified", Optional.empty(), 3, 1),
                new ChangedFile("old/a.c", ChangedFile.Kind.ADDED, "added", Optional.empty(), 1, 0)),
                true, Optional.empty());

        assertThat(diff.paths()).containsExactly("old/a.c", "new/a.c", "b.c");
    }
}
