package io.cikit.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.lib.FileMode;

/**
 * Over random commit graphs (up to 15 commits, merges, several roots), a range listing holds exactly the commits
 * reachable from {@code firstBad} and not from {@code lastGood}, each once, newest first: from a full fetch, and
 * from a shallow workspace that has to deepen (in steps of 1 and 2 commits, then all).
 */
class CommitRangeProperties {
    private Path root;

    @BeforeProperty
    void makeRoot() throws IOException {
        root = Files.createTempDirectory("cikit-range-props");
    }

    @AfterProperty
    void removeRoot() throws IOException {
        Directories.delete(root);
    }

    /** Commit i's parents, all lower than i. */
    record Graph(List<List<Integer>> parents, int lastGood, int firstBad) {
        int size() {
            return parents.size();
        }

        Set<Integer> reachable(int from) {
            Set<Integer> seen = new HashSet<>();
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(from));
            while (!todo.isEmpty()) {
                int next = todo.pop();
                if (seen.add(next)) {
                    todo.addAll(parents.get(next));
                }
            }
            return seen;
        }
    }

    @Provide
    Arbitrary<Graph> graphs() {
        Arbitrary<List<Integer>> choices = Arbitraries.integers().between(0, 999).list().ofSize(30);
        return Combinators.combine(Arbitraries.integers().between(1, 15), choices, Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 99)).as((n, picks, good, bad) -> {
                    List<List<Integer>> parents = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        List<Integer> mine = new ArrayList<>();
                        if (i > 0) {
                            int first = picks.get(2 * i);
                            int second = picks.get(2 * i + 1);
                            if (first % 10 != 0) { // one time in ten: a new root
                                mine.add(first % i);
                            }
                            if (second % 3 == 0 && !mine.contains(second % i)) { // one time in three: a merge
                                mine.add(second % i);
                            }
                        }
                        parents.add(mine);
                    }
                    return new Graph(parents, good % n, bad % n);
                });
    }

    @Property(tries = 30)
    void aFullFetchListsExactlyTheSetDifference(@ForAll("graphs") Graph graph) throws Exception {
        check(graph, false);
    }

    @Property(tries = 30)
    void aShallowWorkspaceDeepensToTheSameAnswer(@ForAll("graphs") Graph graph) throws Exception {
        check(graph, true);
    }

    private void check(Graph graph, boolean startShallow) throws Exception {
        Path dir = Files.createTempDirectory(root, "graph");
        try {
            List<String> shas = build(dir.resolve("remote.git"), graph);
            GitWorkspaces workspaces = GitWorkspaces.builder().baseDirectory(dir.resolve("ws")).allowSchemes("file")
                    .shallow(startShallow).deepenSteps(List.of(1, 2)).build();
            String url = dir.resolve("remote.git").toUri().toString();
            List<String> listed;
            try (GitWorkspace ws = workspaces.open(url)) {
                if (startShallow) {
                    ws.checkout(shas.get(graph.firstBad()));
                }
                listed = ws.commits(new CommitRange(shas.get(graph.lastGood()), shas.get(graph.firstBad()))).shas();
            }
            Set<Integer> expected = new HashSet<>(graph.reachable(graph.firstBad()));
            expected.removeAll(graph.reachable(graph.lastGood()));
            List<String> expectedShas = expected.stream().sorted((a, b) -> b - a).map(shas::get).toList();
            // commit i is made at minute i, so "newest first" is "highest index first"
            assertThat(listed).containsExactlyElementsOf(expectedShas);
            assertThat(TestRepo.contents(dir.resolve("ws"))).isEmpty();
        } finally {
            Directories.delete(dir);
        }
    }

    /** Writes the graph into a new bare repository, commit i at minute i, with a branch on every commit. */
    private static List<String> build(Path bare, Graph graph) throws Exception {
        List<String> shas = new ArrayList<>();
        try (Git git = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call()) {
            Repository repo = git.getRepository();
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                for (int i = 0; i < graph.size(); i++) {
                    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, ("commit " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    TreeFormatter tree = new TreeFormatter();
                    tree.append("file", FileMode.REGULAR_FILE, blob);
                    CommitBuilder commit = new CommitBuilder();
                    commit.setTreeId(inserter.insert(tree));
                    commit.setParentIds(graph.parents().get(i).stream().map(p -> ObjectId.fromString(shas.get(p))).toList());
                    PersonIdent who = new PersonIdent("Prop", "prop@example.org",
                            Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * i), ZoneOffset.UTC);
                    commit.setAuthor(who);
                    commit.setCommitter(who);
                    commit.setMessage("commit " + i + "\n");
                    shas.add(inserter.insert(commit).name());
                }
                inserter.flush();
            }
            for (int i = 0; i < shas.size(); i++) {
                RefUpdate update = repo.updateRef("refs/heads/c" + i);
                update.setNewObjectId(ObjectId.fromString(shas.get(i)));
                update.update();
            }
        }
        return shas;
    }
}
