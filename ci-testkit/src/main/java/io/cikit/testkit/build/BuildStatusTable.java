package io.cikit.testkit.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * How a build payload states its status in two words, and which {@link BuildStatus} each word stands for: a progress
 * word (Actions {@code status}, Jenkins {@code phase}) and an outcome word (Actions {@code conclusion}, Jenkins
 * {@code status}), both fields of one object of a sample payload. A word is normalised (stripped, one letter case, as
 * the parser does it) and looked up in its table: a non-blank outcome decides, else the progress word does; a word in
 * neither table is {@link BuildStatus#UNKNOWN}. {@link BuildStatusContract} checks a parser against it.
 *
 * <p>Immutable and thread-safe; made with {@link #builder}. The sample is read once, when the table is built.
 */
public final class BuildStatusTable {
    private final ObjectNode sample;
    private final String object;
    private final String progressField;
    private final String outcomeField;
    private final Map<String, BuildStatus> progress;
    private final Map<String, BuildStatus> outcomes;
    private final UnaryOperator<String> normalise;
    private final List<String> otherWords;

    private BuildStatusTable(Builder b) {
        JsonNode tree = Json.read(b.sample);
        if (!(Json.at(tree, b.object) instanceof ObjectNode)) {
            throw new IllegalArgumentException("the sample has no object \"" + b.object + "\"");
        }
        this.sample = (ObjectNode) tree;
        this.object = b.object;
        this.progressField = b.progressField;
        this.outcomeField = b.outcomeField;
        this.progress = Map.copyOf(b.progress);
        this.outcomes = Map.copyOf(b.outcomes);
        this.normalise = b.normalise;
        this.otherWords = List.copyOf(b.otherWords);
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("a table without outcome words");
        }
    }

    /**
     * A table for payloads like {@code sample}, whose object {@code object} (a top-level field) holds the two words.
     *
     * @throws io.cikit.core.json.MalformedJsonException when the sample is not JSON (on {@link Builder#build})
     */
    public static Builder builder(byte[] sample, String object, String progressField, String outcomeField) {
        return new Builder(sample, object, progressField, outcomeField);
    }

    /** The status a parser must report for these two words. */
    public BuildStatus expected(String progressWord, String outcomeWord) {
        String outcome = normalise(outcomeWord);
        if (!outcome.isEmpty()) {
            return outcomes.getOrDefault(outcome, BuildStatus.UNKNOWN);
        }
        return progress.getOrDefault(normalise(progressWord), BuildStatus.UNKNOWN);
    }

    /** Whether the outcome table maps this word, once normalised. */
    public boolean mapsOutcome(String word) {
        return outcomes.containsKey(normalise(word));
    }

    /** The word as the tables compare it. */
    public String normalise(String word) {
        return normalise.apply(word);
    }

    /** The sample with its two words replaced (as JSON strings). */
    public byte[] payload(String progressWord, String outcomeWord) {
        ObjectNode copy = sample.deepCopy();
        ObjectNode holder = (ObjectNode) copy.get(object);
        holder.put(progressField, progressWord);
        holder.put(outcomeField, outcomeWord);
        return Json.write(copy);
    }

    /**
     * Words to try: every word of both tables and of {@link Builder#otherWords}, as given, in upper, lower and title
     * case and with spaces around; blank words and {@code null} as text; and random strings up to 20 characters.
     */
    public Arbitrary<String> words() {
        Set<String> known = new LinkedHashSet<>(List.of("", " ", "null"));
        List<String> all = new ArrayList<>(progress.keySet());
        all.addAll(outcomes.keySet());
        all.addAll(otherWords);
        for (String word : all) {
            String lower = word.toLowerCase(Locale.ROOT);
            known.add(word);
            known.add(word.toUpperCase(Locale.ROOT));
            known.add(lower);
            known.add(lower.isEmpty() ? lower : lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1));
            known.add(" " + word + " ");
        }
        return Arbitraries.oneOf(Arbitraries.of(List.copyOf(known)), Arbitraries.strings().ofMaxLength(20));
    }

    /** Configures a {@link BuildStatusTable}. Not thread-safe. */
    public static final class Builder {
        private final byte[] sample;
        private final String object;
        private final String progressField;
        private final String outcomeField;
        private Map<String, BuildStatus> progress = Map.of();
        private Map<String, BuildStatus> outcomes = Map.of();
        private UnaryOperator<String> normalise = word -> word.strip().toLowerCase(Locale.ROOT);
        private List<String> otherWords = List.of();

        private Builder(byte[] sample, String object, String progressField, String outcomeField) {
            this.sample = Objects.requireNonNull(sample, "sample").clone();
            this.object = Objects.requireNonNull(object, "object");
            this.progressField = Objects.requireNonNull(progressField, "progressField");
            this.outcomeField = Objects.requireNonNull(outcomeField, "outcomeField");
        }

        /** What each normalised progress word stands for; none by default. */
        public Builder progress(Map<String, BuildStatus> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** What each normalised outcome word stands for; at least one. */
        public Builder outcomes(Map<String, BuildStatus> outcomes) {
            this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
            return this;
        }

        /** How the parser normalises a word before looking it up (default: stripped, lower case in the root locale). */
        public Builder normalise(UnaryOperator<String> normalise) {
            this.normalise = Objects.requireNonNull(normalise, "normalise");
            return this;
        }

        /** Words in neither table that still matter to the parser (a final phase, a status it passes over). */
        public Builder otherWords(String... words) {
            this.otherWords = List.of(words);
            return this;
        }

        /**
         * @throws IllegalArgumentException without outcome words, or when the sample has no such object
         */
        public BuildStatusTable build() {
            return new BuildStatusTable(this);
        }
    }
}
