package io.cikit.core.dispatch.internal;

import io.cikit.core.result.ResultFormat;
import io.cikit.core.result.ResultFormatException;
import io.cikit.core.result.ResultParser;
import io.cikit.core.result.TestResult;
import io.cikit.core.result.TestResults;
import io.cikit.core.result.TestStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and reads the result files a run left in its output directory: {@code *.ktap} as KTAP, {@code *.tap} as TAP,
 * {@code *.xml} as JUnit when it looks like JUnit (other XML is not results and is skipped). Files are read in path
 * order, at most {@value #MAX_DEPTH} directories deep and {@value #MAX_FILES} files. A result file that cannot be
 * read becomes one ERROR result named after the file, so a broken report is never silently a pass; a file cut at a
 * limit adds an ERROR result saying so.
 */
public final class ResultFiles {
    static final int MAX_FILES = 200;
    static final int MAX_DEPTH = 4;

    private ResultFiles() {
    }

    /** The results in {@code dir}, skipping the given files (the console log). */
    public static List<TestResult> collect(Path dir, Set<Path> skip) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
            files = s.filter(Files::isRegularFile).filter(p -> format(p).isPresent())
                    .filter(p -> skip.stream().noneMatch(k -> k.toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize())))
                    .sorted().limit(MAX_FILES).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(TestResult.builder("results", TestStatus.ERROR)
                    .message("cannot list result files in " + dir + ": " + e.getMessage()).build());
        }
        List<TestResult> out = new ArrayList<>();
        for (Path f : files) {
            String name = dir.relativize(f).toString();
            ResultFormat format = format(f).orElseThrow();
            try {
                if (format == ResultFormat.JUNIT && !looksLikeJUnit(f)) {
                    continue;
                }
                TestResults r = ResultParser.of(format).parse(f);
                out.addAll(r.results());
                if (r.truncated()) {
                    out.add(TestResult.builder(name, TestStatus.ERROR)
                            .message("result file cut at a size limit; later results are missing").build());
                }
            } catch (ResultFormatException e) {
                out.add(TestResult.builder(name, TestStatus.ERROR).message("unreadable result file: " + e.getMessage())
                        .build());
            }
        }
        return out;
    }

    private static Optional<ResultFormat> format(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ktap")) {
            return Optional.of(ResultFormat.KTAP);
        }
        if (n.endsWith(".tap")) {
            return Optional.of(ResultFormat.TAP);
        }
        if (n.endsWith(".xml")) {
            return Optional.of(ResultFormat.JUNIT);
        }
        return Optional.empty();
    }

    private static boolean looksLikeJUnit(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(64 * 1024);
            return ResultParser.detect(head).filter(x -> x == ResultFormat.JUNIT).isPresent();
        } catch (IOException e) {
            return true;
        }
    }
}
