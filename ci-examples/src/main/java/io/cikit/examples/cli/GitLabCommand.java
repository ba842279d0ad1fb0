package io.cikit.examples.cli;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.http.HttpStatusException;
import io.cikit.vcs.gitlab.GitLabClient;
import io.cikit.vcs.gitlab.GitLabCommitState;
import io.cikit.vcs.gitlab.GitLabCommitStatus;
import io.cikit.vcs.gitlab.GitLabNote;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cikit gitlab status|comment}: lets an operator try a token and a project from the shell. The token comes
 * from {@code --token}, {@code GITLAB_TOKEN} or {@code cikit.gitlab.token}; exit 1 when GitLab refuses the request
 * (JSON {@code {"ok": false, "error", "retryable", "status"}}), 2 for usage errors and a missing token.
 */
@Command(name = "gitlab", description = "Set commit statuses and merge request notes on GitLab.",
        subcommands = {GitLabCommand.Status.class, GitLabCommand.Comment.class})
final class GitLabCommand {

    /** The options every GitLab subcommand takes, on {@link VcsConnection}. */
    static final class Connection extends VcsConnection {
        @Option(names = "--token", description = "Token, or @file; default GITLAB_TOKEN / CIKIT_GITLAB_TOKEN.")
        String token;

        @Option(names = "--token-type", defaultValue = "private", description = "private (PRIVATE-TOKEN, default), oauth or job.")
        String tokenType;

        @Option(names = "--url", description = "GitLab base URL (default: cikit.gitlab.base-url, else https://gitlab.com).")
        String url;

        @Option(names = "--project", required = true, description = "Project id or path (group/project).")
        String project;

        Connection() {
            super("gitlab");
        }

        /** What a refusal adds to the JSON error: GitLab's HTTP status, when it answered. */
        @Override
        Map<String, Object> refusal(DeliveryException e) {
            return e instanceof HttpStatusException refused ? Map.of("status", refused.status()) : Map.of();
        }

        GitLabClient client() {
            ProviderConfig gitlab = config(token, "base-url", url, "token-type", tokenType);
            if (gitlab.get("token").isEmpty()) {
                throw new UnreadableInputException("no GitLab token: pass --token or set GITLAB_TOKEN");
            }
            return usable(() -> GitLabClient.fromConfig(gitlab, transport()));
        }
    }

    /** {@code cikit gitlab status --project P --sha S --state success --name C [--description D] [--target-url U]}. */
    @Command(name = "status", description = "Set a commit status.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Option(names = "--sha", required = true)
        String sha;

        @Option(names = "--state", required = true, description = "pending, running, success, failed, canceled or skipped.")
        String state;

        @Option(names = {"--name", "--context"}, required = true, description = "The status name (context).")
        String name;

        @Option(names = "--description")
        String description;

        @Option(names = "--target-url")
        String targetUrl;

        @Override
        public Integer call() {
            CommandLine cl = connection.commandLine();
            GitLabCommitState parsed = Arrays.stream(GitLabCommitState.values())
                    .filter(s -> s.name().equalsIgnoreCase(state)).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(cl,
                            "--state must be one of pending, running, success, failed, canceled, skipped"));
            GitLabCommitStatus.Builder status = GitLabCommitStatus.builder(parsed, name);
            Optional.ofNullable(description).ifPresent(status::description);
            Optional.ofNullable(targetUrl).ifPresent(status::targetUrl);
            GitLabClient client = connection.client();
            return connection.deliver(() -> {
                boolean changed = client.setCommitStatus(connection.project, sha, status.build());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ok", true);
                out.put("changed", changed);
                out.put("state", parsed.name().toLowerCase(Locale.ROOT));
                return out;
            });
        }
    }

    /** {@code cikit gitlab comment --project P --mr IID (--body B | --body-file F) [--sticky KEY]}. */
    @Command(name = "comment", description = "Add a merge request note, or update the sticky one with --sticky.")
    static final class Comment implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Option(names = {"--mr", "--number"}, required = true, description = "The merge request iid.")
        long iid;

        @Mixin
        BodyInput body;

        @Option(names = "--sticky", paramLabel = "KEY", description = "Update our earlier note with this key, else create it.")
        String sticky;

        @Override
        public Integer call() {
            CommandLine cl = connection.commandLine();
            String text = body.text();
            GitLabClient client = connection.client();
            return connection.deliver(() -> {
                GitLabNote note = sticky != null ? client.upsertStickyNote(connection.project, iid, sticky, text)
                        : client.createMergeRequestNote(connection.project, iid, text);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ok", true);
                out.put("noteId", note.id());
                return out;
            });
        }
    }
}
