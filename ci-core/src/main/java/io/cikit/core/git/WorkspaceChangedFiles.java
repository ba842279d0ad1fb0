package io.cikit.core.git;

import io.cikit.core.CiException;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.Repository;
import io.cikit.core.trigger.ChangedFiles;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChangedFiles} answered from a temporary workspace per call; see {@link GitWorkspaces#changedFiles()}. */
final class WorkspaceChangedFiles implements ChangedFiles {
    private static final Logger log = LoggerFactory.getLogger(WorkspaceChangedFiles.class);

    private final GitWorkspaces workspaces;
    private final Function<Repository, Optional<String>> urlOf;

    WorkspaceChangedFiles(GitWorkspaces workspaces, Function<Repository, Optional<String>> urlOf) {
        this.workspaces = workspaces;
        this.urlOf = urlOf;
    }

    @Override
    public Optional<List<String>> between(Repository repo, String base, String head) {
        if (PushEvent.isZeroSha(base) || PushEvent.isZeroSha(head)) {
            return Optional.empty();
        }
        Optional<String> url = urlOf.apply(repo);
        if (url.isEmpty()) {
            log.debug("no git URL for {}: changed files unknown", repo.fullName());
            return Optional.empty();
        }
        try (GitWorkspace workspace = workspaces.open(url.get())) {
            return workspace.pathsChangedSince(base, head);
        } catch (CiException e) {
            log.warn("changed files of {} {}...{} unknown: {}", repo.fullName(), base, head, e.getMessage());
            return Optional.empty();
        }
    }
}
