package io.cikit.core.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds "do not test this" markers in a commit message or PR title: bracket markers such as {@code [skip ci]}
 * anywhere in the text, case-insensitively, and GitHub's {@code skip-checks: true} trailer. Immutable and
 * thread-safe.
 */
final class SkipMarkers {
    /** The markers GitHub Actions and GitLab CI honour (GitLab knows the first two). */
    static final List<String> BUILT_IN = List.of("[skip ci]", "[ci skip]", "[no ci]", "[skip actions]", "[actions skip]");

    static final String TRAILER = "skip-checks: true";

    private static final Pattern TRAILER_LINE = Pattern.compile("skip-checks: ?true", Pattern.CASE_INSENSITIVE);

    private final List<String> markers;
    private final List<Pattern> patterns;

    private SkipMarkers(List<String> markers) {
        this.markers = markers;
        this.patterns = markers.stream()
                .map(m -> Pattern.compile(m, Pattern.LITERAL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    /** The built-in markers plus {@code extra}, which must not be blank. */
    static SkipMarkers withExtra(List<String> extra) {
        List<String> all = new ArrayList<>(BUILT_IN);
        for (String marker : extra) {
            if (!all.contains(marker.toLowerCase(Locale.ROOT))) {
                all.add(marker);
            }
        }
        return new SkipMarkers(List.copyOf(all));
    }

    /** The first marker found in a commit message, as configured, or the trailer when only that is present. */
    Optional<String> find(String message) {
        return findInTitle(message).or(() -> hasTrailer(message) ? Optional.of(TRAILER) : Optional.empty());
    }

    @Override
    public String toString() {
        return markers + " + '" + TRAILER + "' trailer";
    }

    /** Bracket markers only: a PR title has no trailers. */
    Optional<String> findInTitle(String title) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(title).find()) {
                return Optional.of(markers.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * GitHub honours {@code skip-checks: true} only as the last trailer: a line of its own at the end of the
     * message, so a mention in the body's prose does not count. GitHub also asks for blank lines before it, which
     * git's default cleanup squeezes, so they are not required here.
     */
    private static boolean hasTrailer(String message) {
        String text = message.stripTrailing();
        int lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
        return TRAILER_LINE.matcher(text.substring(lastBreak + 1).strip()).matches();
    }
}
