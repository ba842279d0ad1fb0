package io.cikit.core.git;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.Person;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Walks {@code lastGood..firstBad} in a workspace's repository and says whether the answer can be trusted: in a
 * shallow repository the walk may have run into a commit whose parents were not fetched, and then the history has
 * to be deepened and the walk repeated.
 */
final class History {
    /** Longer commit messages are cut (a hostile repository could hold megabytes in one). */
    static final int MAX_MESSAGE_CHARS = 65_536;
    static final String CUT_MARKER = "\n[message cut by cikit]";

    private History() {
    }

    /**
     * One walk's answer.
     *
     * @param commits the range, newest first, at most the limit
     * @param truncated whether the range holds more commits than the limit
     * @param complete false when the walk reached a shallow boundary, so the answer may be wrong
     * @param boundary the commits outside the range that range commits have as parents (only when not truncated)
     */
    record Range(List<RevCommit> commits, boolean truncated, boolean complete, Set<ObjectId> boundary) {
    }

    /**
     * Commits reachable from {@code firstBad} but not from {@code lastGood}, newest first by commit time, as JGit's
     * {@link RevWalk} (like {@code git log}) produces them. The walk stops after {@code limit + 1} commits.
     */
    static Range walk(Repository repo, ObjectId lastGood, ObjectId firstBad, int limit) throws IOException {
        Set<ObjectId> shallow = repo.getObjectDatabase().getShallowCommits();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(firstBad));
            walk.markUninteresting(walk.parseCommit(lastGood));
            List<RevCommit> commits = new ArrayList<>();
            boolean truncated = false;
            boolean complete = true;
            for (RevCommit commit : walk) {
                if (commits.size() == limit) {
                    truncated = true;
                    break;
                }
                commits.add(commit);
                if (shallow.contains(commit)) {
                    complete = false;
                }
            }
            // A shallow commit the walk marked uninteresting has its parents cut off: commits below it that are
            // reachable from lastGood could have been counted in the range. Only commits no newer than it can be
            // below it (the walk itself relies on commit times the same way), so a cut older than everything
            // listed does not matter.
            int oldestListed = commits.stream().mapToInt(RevCommit::getCommitTime).min().orElse(Integer.MAX_VALUE);
            for (ObjectId id : shallow) {
                RevObject seen = walk.lookupOrNull(id);
                if (seen instanceof RevCommit commit && commit.has(RevFlag.UNINTERESTING)) {
                    walk.parseHeaders(commit);
                    if (commit.getCommitTime() >= oldestListed) {
                        complete = false;
                    }
                }
            }
            Set<ObjectId> boundary = new LinkedHashSet<>();
            if (!truncated) {
                Set<ObjectId> inRange = new HashSet<>(commits);
                for (RevCommit commit : commits) {
                    for (RevCommit parent : commit.getParents()) {
                        if (!inRange.contains(parent)) {
                            boundary.add(parent.copy());
                        }
                    }
                }
            }
            List<RevCommit> kept = List.copyOf(commits);
            return new Range(kept, truncated, complete, boundary);
        }
    }

    /** A walked commit as the event model describes commits: sha, full message, author and author time. */
    static CommitInfo info(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        Optional<Person> person = Optional.ofNullable(author)
                .map(a -> new Person(a.getName(), Optional.empty(),
                        a.getEmailAddress() == null || a.getEmailAddress().isEmpty() ? Optional.empty() : Optional.of(a.getEmailAddress())));
        return new CommitInfo(commit.name(), bounded(commit.getFullMessage()), person,
                Optional.ofNullable(author).map(PersonIdent::getWhenAsInstant), Optional.empty(), List.of(), List.of(), List.of());
    }

    private static String bounded(String message) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        int cut = Character.isHighSurrogate(message.charAt(MAX_MESSAGE_CHARS - 1)) ? MAX_MESSAGE_CHARS - 1 : MAX_MESSAGE_CHARS;
        return message.substring(0, cut) + CUT_MARKER;
    }
}
