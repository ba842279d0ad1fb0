package io.cikit.core.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Host names a redirect may go to, as globs: {@code *} matches any run of characters (so
 * {@code *.blob.core.windows.net} matches {@code acct.blob.core.windows.net} but not {@code blob.core.windows.net});
 * everything else matches itself, case-insensitively. Immutable.
 */
public final class HostGlobs {
    private static final Pattern VALID = Pattern.compile("[a-z0-9.*:\\[\\]_-]+");

    private final List<String> globs;
    private final List<Pattern> patterns;

    private HostGlobs(List<String> globs) {
        this.globs = List.copyOf(globs);
        List<Pattern> compiled = new ArrayList<>();
        for (String g : globs) {
            compiled.add(toPattern(g));
        }
        this.patterns = List.copyOf(compiled);
    }

    /** @throws IllegalArgumentException for an empty glob or one with characters no host name has */
    public static HostGlobs of(List<String> globs) {
        List<String> normalised = new ArrayList<>();
        for (String g : globs) {
            String lower = g.strip().toLowerCase(Locale.ROOT);
            if (lower.isEmpty() || !VALID.matcher(lower).matches()) {
                throw new IllegalArgumentException("not a host glob: '" + g + "'");
            }
            normalised.add(lower);
        }
        return new HostGlobs(normalised);
    }

    public boolean matches(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        for (Pattern p : patterns) {
            if (p.matcher(lower).matches()) {
                return true;
            }
        }
        return false;
    }

    public List<String> globs() {
        return globs;
    }

    private static Pattern toPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
            regex.append(Pattern.quote(glob.substring(start, star))).append(".+");
            start = star + 1;
        }
        regex.append(Pattern.quote(glob.substring(start)));
        return Pattern.compile(regex.toString());
    }
}
