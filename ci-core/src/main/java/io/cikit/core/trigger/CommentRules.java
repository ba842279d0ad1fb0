package io.cikit.core.trigger;

import io.cikit.core.event.CommentEvent;
import io.cikit.core.event.Person;
import io.cikit.core.event.PullRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Decides comments: a test command ({@code /retest}, {@code /test}) at the start of a new comment on a pull request. */
final class CommentRules {
    private final Settings settings;
    private final PullRequestRules pullRequests;

    CommentRules(Settings settings, PullRequestRules pullRequests) {
        this.settings = settings;
        this.pullRequests = pullRequests;
    }

    TriggerDecision decide(CommentEvent comment) {
        String where = (comment.onPullRequest() ? "pull request #" : "issue #") + comment.number();
        Optional<String> command = command(comment.body());
        if (command.isEmpty()) {
            return TriggerDecision.skip("comment on " + where + " holds no test command ("
                    + (settings.commentCommands().isEmpty() ? "none configured" : Reasons.quoted(settings.commentCommands())) + ")");
        }
        String asked = "'" + command.get() + "'";
        // Editing or deleting a comment must not re-run what its creation already ran.
        if (!comment.action().strip().equalsIgnoreCase("created")) {
            return TriggerDecision.skip(asked + " comment on " + where + " was " + comment.action() + ", not created: only new comments run commands");
        }
        if (!comment.onPullRequest()) {
            return TriggerDecision.skip(asked + " on " + where + ", which is not a pull request: nothing to test");
        }
        Optional<String> login = comment.author().or(comment::sender).flatMap(Person::login);
        String by = login.map(l -> " by " + l).orElse("");
        boolean allowListed = false;
        if (!settings.allowedCommenters().isEmpty()) {
            allowListed = login.map(l -> settings.allowedCommenters().contains(l.toLowerCase(Locale.ROOT))).orElse(false);
            if (!allowListed) {
                return TriggerDecision.skip(asked + " on " + where + " ignored: "
                        + login.map(l -> "'" + l + "' is not an allowed commenter").orElse("the commenter is unknown and an allow-list is set"));
            }
        }
        String reason = asked + by + " on " + where;
        if (comment.pullRequest().isEmpty()) {
            return TriggerDecision.run(reason + "; the comment payload does not carry the pull request, so its head commit"
                    + " must be resolved (and the fork and label rules applied) by the host", List.of());
        }
        PullRequest pr = comment.pullRequest().get();
        if (pr.merged() || isClosed(pr.state())) {
            return TriggerDecision.skip(asked + " on " + where + ", which is " + pr.state() + ": nothing to test");
        }
        Optional<TriggerDecision> refused = pullRequests.refusal(pr, allowListed);
        if (refused.isPresent()) {
            return TriggerDecision.skip(asked + " ignored: " + refused.get().reason());
        }
        return Reasons.runOnHead(reason, pr.headSha());
    }

    /** The configured command the comment starts with, followed by whitespace or nothing. */
    private Optional<String> command(String body) {
        String text = body.stripLeading();
        for (String command : settings.commentCommands()) {
            if (text.regionMatches(true, 0, command, 0, command.length())
                    && (text.length() == command.length() || Character.isWhitespace(text.charAt(command.length())))) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    private static boolean isClosed(String state) {
        String s = state.toLowerCase(Locale.ROOT);
        return s.equals("closed") || s.equals("merged") || s.equals("locked");
    }
}
