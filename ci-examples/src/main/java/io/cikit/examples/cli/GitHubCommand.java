package io.cikit.examples.cli;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.event.Repository;
import io.cikit.core.report.CommentRef;
import io.cikit.core.report.CommitStatus;
import io.cikit.core.report.StatusState;
import io.cikit.vcs.github.CheckConclusion;
import io.cikit.vcs.github.CheckRun;
import io.cikit.vcs.github.CheckRunRef;
import io.cikit.vcs.github.GitHubApiException;
import io.cikit.vcs.github.GitHubClient;
import io.cikit.vcs.github.GitHubRateLimitException;
import java.net.URI;
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
 * {@code cikit github status|comment|check}: try a token and a repository from the shell. The token comes from
 * {@code --token} (a literal or {@code @file}), else {@code cikit.github.token} / {@code CIKIT_GITHUB_TOKEN} /
 * {@code GITHUB_TOKEN}, else the GitHub App keys ({@code cikit.github.app-id} …). Exit 0 when GitHub accepted the
 * call, 1 when it refused it or could not be reached (JSON {@code {"ok": false, "error", "retryable", "status"}}), 2 for usage
 * errors and missing credentials.
 */
@Command(name = "github", description = "Set commit statuses, post comments and check runs on GitHub.",
        subcommands = {GitHubCommand.Status.class, GitHubCommand.Comment.class, GitHubCommand.Check.class})
final class GitHubCommand {
    /** The options every subcommand takes, on {@link VcsConnection}. */
    static final class Connection extends VcsConnection {
        @Option(names = "--repo", required = true, paramLabel = "OWNER/NAME", description = "The repository.")
        String repo;

        @Option(names = "--token", description = "Token or @file; default from CIKIT_GITHUB_TOKEN / GITHUB_TOKEN.")
        String token;

        @Option(names = "--api-url", paramLabel = "URL", description = "API root (default https://api.github.com; Enterprise: https://HOST/api/v3).")
        URI apiUrl;

        Connection() {
            super("github");
        }

        /** What a refusal adds to the JSON error: GitHub's HTTP status, and when a rate limit ends. */
        @Override
        Map<String, Object> refusal(DeliveryException e) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (e instanceof GitHubApiException api) {
                out.put("status", api.status());
            }
            if (e instanceof GitHubRateLimitException limited) {
                out.put("retryAt", limited.retryAt().map(Object::toString).orElse(null));
            }
            return out;
        }

        Repository repository(CommandLine cl) {
            String r = repo.strip();
            if (!r.matches("[^/\\s]+/[^/\\s]+")) {
                throw new CommandLine.ParameterException(cl, "--repo must look like owner/name: " + repo);
            }
            return Repository.named(r);
        }

        GitHubClient client() {
            ProviderConfig github = config(token, "api-url", apiUrl == null ? null : apiUrl.toString());
            // a token given here also beats GitHub App keys from the environment
            ProviderConfig view = token == null ? github : new ProviderConfig() {
                @Override
                public Optional<String> get(String key) {
                    return key.startsWith("app-") ? Optional.empty() : github.get(key);
                }

                @Override
                public String keyName(String key) {
                    return github.keyName(key);
                }
            };
            return usable(() -> GitHubClient.fromConfig(view, transport()));
        }
    }

    /** {@code cikit github status}. */
    @Command(name = "status", description = "Set a commit status.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Option(names = "--sha", required = true, description = "The commit.")
        String sha;

        @Option(names = "--state", required = true, description = "success, failure, pending or error.")
        String state;

        @Option(names = "--context", required = true, description = "The status name, e.g. cikit/rpi4/boot.")
        String context;

        @Option(names = "--description", description = "One line; cut to 140 characters.")
        String description;

        @Option(names = "--target-url", paramLabel = "URL", description = "Link to the details.")
        URI targetUrl;

        @Override
        public Integer call() {
            CommandLine cl = connection.commandLine();
            StatusState parsed = parseState(cl);
            if (context.isBlank()) {
                throw new CommandLine.ParameterException(cl, "--context must not be blank");
            }
            Repository repo = connection.repository(cl);
            GitHubClient client = connection.client();
            CommitStatus status = new CommitStatus(parsed, context, Optional.ofNullable(description),
                    Optional.ofNullable(targetUrl));
            return connection.deliver(() -> {
                client.setStatus(repo, sha, status);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("repo", repo.fullName());
                out.put("sha", sha);
                out.put("state", parsed.name().toLowerCase(Locale.ROOT));
                out.put("context", context);
                out.put("description", description);
                out.put("targetUrl", targetUrl == null ? null : targetUrl.toString());
                return out;
            });
        }

        private StatusState parseState(CommandLine cl) {
            try {
                return StatusState.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--state must be success, failure, pending or error: " + state);
            }
        }
    }

    /** {@code cikit github comment}. */
    @Command(name = "comment", description = "Post a comment on an issue or pull request; --sticky updates ours in place.")
    static final class Comment implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Option(names = "--number", required = true, description = "The issue or pull request number.")
        long number;

        @Mixin
        BodyInput body;

        @Option(names = "--sticky", paramLabel = "KEY", description = "Update the comment posted earlier under this key (A-Z a-z 0-9 . _ : / -).")
        String sticky;

        @Override
        public Integer call() {
            CommandLine cl = connection.commandLine();
            if (number < 1) {
                throw new CommandLine.ParameterException(cl, "--number must be at least 1");
            }
            if (sticky != null && !sticky.matches("[A-Za-z0-9._:/-]{1,100}")) {
                throw new CommandLine.ParameterException(cl, "--sticky keys are 1-100 characters from A-Z a-z 0-9 . _ : / -");
            }
            String text = body.text();
            Repository repo = connection.repository(cl);
            GitHubClient client = connection.client();
            return connection.deliver(() -> {
                CommentRef ref = sticky == null ? client.createComment(repo, number, text)
                        : client.upsertComment(repo, number, sticky, text);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("repo", repo.fullName());
                out.put("number", number);
                out.put("id", ref.id());
                out.put("url", ref.url().map(URI::toString).orElse(null));
                out.put("created", ref.created());
                out.put("sticky", sticky);
                return out;
            });
        }
    }

    /** {@code cikit github check}. */
    @Command(name = "check", description = "Create a completed check run (needs a GitHub App installation token).")
    static final class Check implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Option(names = "--sha", required = true, description = "The commit.")
        String sha;

        @Option(names = "--name", required = true, description = "The check run's name.")
        String name;

        @Option(names = "--conclusion", required = true,
                description = "success, failure, neutral, cancelled, skipped, timed_out or action_required.")
        String conclusion;

        @Option(names = "--summary", description = "Markdown summary; cut to 65535 characters.")
        String summary;

        @Option(names = "--details-url", paramLabel = "URL", description = "Link to the details.")
        URI detailsUrl;

        @Override
        public Integer call() {
            CommandLine cl = connection.commandLine();
            CheckConclusion parsed = CheckConclusion.fromWire(conclusion).orElseThrow(() -> new CommandLine.ParameterException(cl,
                    "--conclusion must be success, failure, neutral, cancelled, skipped, timed_out or action_required: "
                            + conclusion));
            if (name.isBlank() || sha.isBlank()) {
                throw new CommandLine.ParameterException(cl, "--name and --sha must not be blank");
            }
            Repository repo = connection.repository(cl);
            GitHubClient client = connection.client();
            CheckRun.Builder run = CheckRun.builder(name, sha).conclusion(parsed);
            if (summary != null) {
                run.summary(summary);
            }
            if (detailsUrl != null) {
                run.detailsUrl(detailsUrl);
            }
            return connection.deliver(() -> {
                CheckRunRef ref = client.createCheckRun(repo, run.build());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("repo", repo.fullName());
                out.put("sha", sha);
                out.put("id", ref.id());
                out.put("url", ref.htmlUrl().map(URI::toString).orElse(null));
                out.put("name", name);
                out.put("conclusion", parsed.wireName());
                return out;
            });
        }
    }
}
