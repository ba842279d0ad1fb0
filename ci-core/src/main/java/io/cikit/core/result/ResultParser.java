package io.cikit.core.result;

import io.cikit.core.result.internal.FormatDetector;
import io.cikit.core.result.internal.JUnitXmlParser;
import io.cikit.core.result.internal.TapStreamParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one test-result file into {@link TestResults}. Implementations for KTAP v1 (KUnit, kselftest), TAP 13/14 and
 * JUnit XML come from the factories here; {@link #auto()} looks at the content and picks one.
 *
 * <p>Parsers are stateless and thread-safe; each call reads its input to the end (or to a {@link ResultLimits}
 * bound) and does not close it. The only exception thrown for bad input is {@link ResultFormatException}: any
 * text gives KTAP/TAP results (possibly none), while unreadable XML, an XML DOCTYPE or entity, and input auto-detection
 * cannot place are refused with it.
 *
 * <p>One call for the command line: {@code ResultParser.of(ResultFormat.AUTO).parse(path).toJson()}.
 */
public interface ResultParser {

    /** The format this parser reads; {@link ResultFormat#AUTO} for the detecting parser. */
    ResultFormat format();

    /** Reads the stream to its end. The stream is not closed. */
    TestResults parse(InputStream in);

    /** Reads a file. */
    default TestResults parse(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new ResultFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads text already in memory. */
    default TestResults parse(String text) {
        return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** KTAP v1, as KUnit and kselftest print it (also accepts TAP 13/14 input). */
    static ResultParser ktap() {
        return of(ResultFormat.KTAP, ResultLimits.DEFAULT);
    }

    /** TAP 13/14 with YAML diagnostic blocks and indented subtests. */
    static ResultParser tap() {
        return of(ResultFormat.TAP, ResultLimits.DEFAULT);
    }

    /** JUnit XML, hardened against XXE and entity expansion. */
    static ResultParser junit() {
        return of(ResultFormat.JUNIT, ResultLimits.DEFAULT);
    }

    /** Detects the format from the content, then parses. */
    static ResultParser auto() {
        return of(ResultFormat.AUTO, ResultLimits.DEFAULT);
    }

    static ResultParser of(ResultFormat format) {
        return of(format, ResultLimits.DEFAULT);
    }

    /** The parser for a format with the given limits. */
    static ResultParser of(ResultFormat format, ResultLimits limits) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(limits, "limits");
        return switch (format) {
            case KTAP, TAP -> new ResultParser() {
                private final TapStreamParser parser = new TapStreamParser(format, limits);

                @Override
                public ResultFormat format() {
                    return format;
                }

                @Override
                public TestResults parse(InputStream in) {
                    return parser.parse(Objects.requireNonNull(in, "in"));
                }
            };
            case JUNIT -> new ResultParser() {
                private final JUnitXmlParser parser = new JUnitXmlParser(limits);

                @Override
                public ResultFormat format() {
                    return ResultFormat.JUNIT;
                }

                @Override
                public TestResults parse(InputStream in) {
                    return parser.parse(Objects.requireNonNull(in, "in"));
                }
            };
            case AUTO -> new ResultParser() {
                @Override
                public ResultFormat format() {
                    return ResultFormat.AUTO;
                }

                @Override
                public TestResults parse(InputStream in) {
                    BufferedInputStream buffered = new BufferedInputStream(Objects.requireNonNull(in, "in"), 65536);
                    ResultFormat detected;
                    try {
                        buffered.mark(FormatDetector.HEAD_BYTES);
                        byte[] head = buffered.readNBytes(FormatDetector.HEAD_BYTES);
                        buffered.reset();
                        detected = FormatDetector.detect(head, head.length).orElseThrow(() -> new ResultFormatException(
                                head.length == 0 ? "empty input: no test results"
                                        : "no KTAP, TAP or JUnit XML test results recognised in the input"));
                    } catch (IOException e) {
                        throw new ResultFormatException("cannot read test results: " + e.getMessage(), e);
                    }
                    return of(detected, limits).parse(buffered);
                }
            };
        };
    }

    /** The format the given leading bytes of a file look like; empty when none fits. */
    static Optional<ResultFormat> detect(byte[] head) {
        return FormatDetector.detect(head, head.length);
    }
}
