package io.cikit.core.trigger;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Include and exclude globs over one kind of name (branches, tags, paths). An empty include list admits every
 * name; an exclude that matches always wins over an include that matches. Immutable and thread-safe.
 */
final class GlobFilter {
    private static final GlobFilter OPEN = new GlobFilter(List.of(), List.of());

    private final List<Glob> include;
    private final List<Glob> exclude;

    private GlobFilter(List<Glob> include, List<Glob> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    static GlobFilter open() {
        return OPEN;
    }

    /** @throws io.cikit.core.config.ConfigurationException when a glob is malformed */
    static GlobFilter of(List<String> include, List<String> exclude) {
        if (include.isEmpty() && exclude.isEmpty()) {
            return OPEN;
        }
        return new GlobFilter(include.stream().map(Glob::compile).toList(), exclude.stream().map(Glob::compile).toList());
    }

    /** True when this filter admits every name. */
    boolean isOpen() {
        return include.isEmpty() && exclude.isEmpty();
    }

    Verdict test(String name) {
        for (Glob glob : exclude) {
            if (glob.matches(name)) {
                return new Verdict(false, Optional.of(glob), Optional.empty());
            }
        }
        if (include.isEmpty()) {
            return new Verdict(true, Optional.empty(), Optional.empty());
        }
        for (Glob glob : include) {
            if (glob.matches(name)) {
                return new Verdict(true, Optional.empty(), Optional.of(glob));
            }
        }
        return new Verdict(false, Optional.empty(), Optional.empty());
    }

    /** The include globs quoted and joined, for reasons: {@code 'main', 'release/*'}. */
    String describeIncludes() {
        return include.stream().map(g -> "'" + g.pattern() + "'").collect(Collectors.joining(", "));
    }

    List<String> includePatterns() {
        return include.stream().map(Glob::pattern).toList();
    }

    List<String> excludePatterns() {
        return exclude.stream().map(Glob::pattern).toList();
    }

    @Override
    public String toString() {
        return "include" + includePatterns() + " exclude" + excludePatterns();
    }

    /**
     * The outcome for one name.
     *
     * @param passes whether the name is admitted
     * @param excludedBy the exclude glob that matched, when one did
     * @param includedBy the include glob that matched, when include globs are set and one matched
     */
    record Verdict(boolean passes, Optional<Glob> excludedBy, Optional<Glob> includedBy) {
    }
}
