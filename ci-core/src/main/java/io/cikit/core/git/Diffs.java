package io.cikit.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Tree diffs between two commits, with rename detection, as {@link FileChange}s. */
final class Diffs {
    private Diffs() {
    }

    /** What changed from {@code from}'s tree to {@code to}'s, sorted by path, at most {@code limit} files. */
    static FileChanges between(Repository repo, ObjectId from, ObjectId to, int limit) throws IOException {
        List<DiffEntry> entries;
        try (RevWalk walk = new RevWalk(repo); TreeWalk trees = new TreeWalk(repo)) {
            trees.addTree(walk.parseCommit(from).getTree());
            trees.addTree(walk.parseCommit(to).getTree());
            trees.setRecursive(true);
            trees.setFilter(TreeFilter.ANY_DIFF);
            RenameDetector renames = new RenameDetector(repo);
            renames.addAll(DiffEntry.scan(trees));
            entries = renames.compute();
        }
        List<FileChange> changes = new ArrayList<>(entries.size());
        for (DiffEntry entry : entries) {
            changes.add(change(entry));
        }
        changes.sort(Comparator.comparing(FileChange::path).thenComparing(change -> change.previousPath().orElse("")));
        boolean truncated = changes.size() > limit;
        return new FileChanges(truncated ? changes.subList(0, limit) : changes, truncated);
    }

    private static FileChange change(DiffEntry entry) {
        return switch (entry.getChangeType()) {
            case ADD -> FileChange.added(entry.getNewPath());
            case MODIFY -> FileChange.modified(entry.getNewPath());
            case DELETE -> FileChange.removed(entry.getOldPath());
            case RENAME -> FileChange.renamed(entry.getOldPath(), entry.getNewPath());
            case COPY -> FileChange.copied(entry.getOldPath(), entry.getNewPath());
        };
    }
}
