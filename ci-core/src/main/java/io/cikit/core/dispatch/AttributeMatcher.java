package io.cikit.core.dispatch;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A condition on one board attribute, part of a {@link BoardSelector}. Immutable and thread-safe.
 *
 * <p>In job JSON: a string is {@link Equals}, an array {@link OneOf}, {@code {"regex": "bcm27.."}} {@link Matches},
 * {@code {"min": 4, "max": 8}} {@link Range} (either bound optional), {@code {"present": true}} {@link Present}.
 */
public sealed interface AttributeMatcher {
    /** Longest accepted regular expression; longer ones are refused (job files are not trusted to be kind). */
    int MAX_REGEX = 256;

    /** Whether a board's attribute value (empty when the board lacks the attribute) satisfies this condition. */
    boolean test(Optional<String> value);

    /** The attribute equals the value exactly. */
    record Equals(String value) implements AttributeMatcher {
        public Equals {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean test(Optional<String> v) {
            return v.isPresent() && v.get().equals(value);
        }
    }

    /** The attribute equals one of the values. */
    record OneOf(Set<String> values) implements AttributeMatcher {
        public OneOf {
            values = Set.copyOf(values);
        }

        @Override
        public boolean test(Optional<String> v) {
            return v.isPresent() && values.contains(v.get());
        }
    }

    /** The whole attribute matches a regular expression. */
    record Matches(String regex) implements AttributeMatcher {
        public Matches {
            Objects.requireNonNull(regex, "regex");
            if (regex.length() > MAX_REGEX) {
                throw new IllegalArgumentException("attribute regex longer than " + MAX_REGEX + " characters");
            }
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid attribute regex `" + regex + "`: " + e.getDescription(), e);
            }
        }

        @Override
        public boolean test(Optional<String> v) {
            // compiled per call: selectors are few and compared rarely, and records compare by the regex text
            return v.isPresent() && Pattern.compile(regex).matcher(v.get()).matches();
        }
    }

    /** The attribute is a number within the bounds (inclusive); a non-numeric value does not match. */
    record Range(OptionalDouble min, OptionalDouble max) implements AttributeMatcher {
        public Range {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
        }

        public static Range atLeast(double min) {
            return new Range(OptionalDouble.of(min), OptionalDouble.empty());
        }

        @Override
        public boolean test(Optional<String> v) {
            if (v.isEmpty()) {
                return false;
            }
            double d;
            try {
                d = Double.parseDouble(v.get().strip());
            } catch (NumberFormatException e) {
                return false;
            }
            return !Double.isNaN(d) && (min.isEmpty() || d >= min.getAsDouble()) && (max.isEmpty() || d <= max.getAsDouble());
        }
    }

    /** The board has the attribute, whatever its value. */
    record Present() implements AttributeMatcher {
        @Override
        public boolean test(Optional<String> v) {
            return v.isPresent();
        }
    }
}
