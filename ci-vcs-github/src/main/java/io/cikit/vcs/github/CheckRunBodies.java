package io.cikit.vcs.github;

import io.cikit.core.report.Truncation;
import io.cikit.vcs.github.internal.Texts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of check-run requests, with GitHub's limits applied. */
final class CheckRunBodies {
    private static final String DEFAULT_TITLE = "cikit";

    private CheckRunBodies() {
    }

    /** Annotations in batches of {@code size}; always at least one (possibly empty) batch. */
    static List<List<CheckAnnotation>> batches(List<CheckAnnotation> annotations, int size) {
        List<List<CheckAnnotation>> out = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i += size) {
            out.add(annotations.subList(i, Math.min(annotations.size(), i + size)));
        }
        if (out.isEmpty()) {
            out.add(List.of());
        }
        return out;
    }

    /** Every field the run sets except name and head sha, with the output carrying {@code firstBatch}. */
    static void fields(CheckRun run, Clock clock, List<CheckAnnotation> firstBatch, Map<String, Object> body) {
        run.detailsUrl().ifPresent(u -> body.put("details_url", u.toString()));
        run.externalId().ifPresent(id -> body.put("external_id", id));
        run.startedAt().ifPresent(t -> body.put("started_at", t.toString()));
        if (run.conclusion().isPresent()) {
            body.put("status", CheckStatus.COMPLETED.wireName());
            body.put("conclusion", run.conclusion().get().wireName());
            body.put("completed_at", run.completedAt().orElseGet(clock::instant).toString());
        } else {
            run.status().ifPresent(s -> body.put("status", s.wireName()));
            run.completedAt().ifPresent(t -> body.put("completed_at", t.toString()));
        }
        if (run.hasOutput()) {
            body.put("output", output(run, firstBatch));
        }
    }

    /** An {@code output} object: title and summary (both required by GitHub), text, and one batch of annotations. */
    static Map<String, Object> output(CheckRun run, List<CheckAnnotation> batch) {
        String title = oneLine(run.title().or(run::name).orElse(DEFAULT_TITLE));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("title", Truncation.ellipsis(title.isEmpty() ? DEFAULT_TITLE : title, Texts.MAX_TITLE));
        output.put("summary", Texts.withNotice(run.summary().orElse(title.isEmpty() ? DEFAULT_TITLE : title),
                Texts.MAX_CHECK_TEXT, run.detailsUrl()));
        run.text().ifPresent(t -> output.put("text", Texts.withNotice(t, Texts.MAX_CHECK_TEXT, run.detailsUrl())));
        if (!batch.isEmpty()) {
            output.put("annotations", batch.stream().map(CheckRunBodies::annotation).toList());
        }
        return output;
    }

    private static Map<String, Object> annotation(CheckAnnotation a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", a.path());
        out.put("start_line", a.startLine());
        out.put("end_line", a.endLine());
        out.put("annotation_level", a.level().wireName());
        out.put("message", Texts.utf8(a.message(), Texts.MAX_ANNOTATION_BYTES));
        a.title().ifPresent(t -> out.put("title", Truncation.ellipsis(oneLine(t), Texts.MAX_TITLE)));
        a.rawDetails().ifPresent(d -> out.put("raw_details", Texts.utf8(d, Texts.MAX_ANNOTATION_BYTES)));
        return out;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
