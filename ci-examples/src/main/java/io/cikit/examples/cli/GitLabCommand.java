package io.cikit.examples.cli;

import io.cikit.core.config.CiConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.DeliveryException;
import io.cikit.vcs.gitlab.GitLabAuth;
import io.cikit.vcs.gitlab.GitLabClient;
import io.cikit.vcs.gitlab.GitLabCommitState;
import io.cikit.vcs.gitlab.GitLabCommitStatus;
import io.cikit.vcs.gitlab.GitLabNote;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cikit gitlab status|comment}: lets an operator try a token and a project from the shell. The token comes
 * from {@code --token}, {@code GITLAB_TOKEN} or {@code cikit.gitlab.token}; exit 1 when GitLab refuses the request.
 */
@Command(name = "gitlab", description = "Set commit statuses and merge request notes on GitLab.",
        subcommands = {GitLabCommand.Status.class, GitLabCommand.Comment.class})
final class GitLabCommand {

    /** Options every GitLab subcommand shares. */
    static class Connection {
        @Option(names = "--token", description = "Token, or @file; default GITLAB_TOKEN / CIKIT_GITLAB_TOKEN.")
        String token;

        @Option(names = "--token-type", defaultValue = "private", description = "private (PRIVATE-TOKEN, default), oauth or job.")
        String tokenType;

        @Option(names = "--url", description = "GitLab base URL (default: cikit.gitlab.base-url, else https://gitlab.com).")
        String url;

        @Option(names = "--project", required = true, description = "Project id or path (group/project).")
        String project;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        GitLabClient client() {
            CiConfig config = CiConfig.fromEnvironment();
            Secret secret = token != null ? SecretArguments.resolveOne(token)
                    : config.secret("cikit.gitlab.token").orElseThrow(() -> new UnreadableInputException(
                            "no GitLab token: pass --token or set GITLAB_TOKEN"));
            URI base = url != null ? URI.create(url) : config.get("cikit.gitlab.base-url").map(URI::create).orElse(GitLabClient.GITLAB_COM);
            return GitLabClient.builder().baseUrl(base).auth(GitLabAuth.of(tokenType, secret)).build();
        }
    }

    static int refused(CommandLine cl, boolean pretty, DeliveryException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", false);
        out.put("error", e.getMessage());
        out.put("retryable", e.retryable());
        JsonOut.print(cl.getOut(), out, pretty);
        return CliErrors.INPUT_JUDGED_BAD;
    }

    /** {@code cikit gitlab status --project P --sha S --state success --name C [--description D] [--target-url U]}. */
    @Command(name = "status", description = "Set a commit status.")
    static final class Status extends Connection implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

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
            GitLabCommitState parsed = Arrays.stream(GitLabCommitState.values())
                    .filter(s -> s.name().equalsIgnoreCase(state)).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                            "--state must be one of pending, running, success, failed, canceled, skipped"));
            GitLabCommitStatus.Builder status = GitLabCommitStatus.builder(parsed, name);
            Optional.ofNullable(description).ifPresent(status::description);
            Optional.ofNullable(targetUrl).ifPresent(status::targetUrl);
            try {
                boolean changed = client().setCommitStatus(project, sha, status.build());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ok", true);
                out.put("changed", changed);
                out.put("state", parsed.name().toLowerCase(Locale.ROOT));
                JsonOut.print(spec.commandLine().getOut(), out, pretty);
                return CliErrors.OK;
            } catch (DeliveryException e) {
                return refused(spec.commandLine(), pretty, e);
            }
        }
    }

    /** {@code cikit gitlab comment --project P --mr IID (--body B | --body-file F) [--sticky KEY]}. */
    @Command(name = "comment", description = "Add a merge request note, or update the sticky one with --sticky.")
    static final class Comment extends Connection implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"--mr", "--number"}, required = true, description = "The merge request iid.")
        long iid;

        @Option(names = "--body")
        String body;

        @Option(names = "--body-file")
        Path bodyFile;

        @Option(names = "--sticky", paramLabel = "KEY", description = "Update our earlier note with this key, else create it.")
        String sticky;

        @Override
        public Integer call() throws Exception {
            if ((body == null) == (bodyFile == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --body and --body-file");
            }
            String text = body != null ? body : Files.readString(bodyFile, StandardCharsets.UTF_8);
            try {
                GitLabClient client = client();
                GitLabNote note = sticky != null ? client.upsertStickyNote(project, iid, sticky, text)
                        : client.createMergeRequestNote(project, iid, text);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ok", true);
                out.put("noteId", note.id());
                JsonOut.print(spec.commandLine().getOut(), out, pretty);
                return CliErrors.OK;
            } catch (DeliveryException e) {
                return refused(spec.commandLine(), pretty, e);
            }
        }
    }
}
