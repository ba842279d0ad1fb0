package io.cikit.examples.cli;

import java.nio.charset.StandardCharsets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Mixin: the text of a comment or note, from {@code --body} or {@code --body-file} (a file, or {@code -} for standard
 * input, at most {@value #MAX_FILE_BYTES} bytes); exactly one of them. An unreadable file is exit code 2.
 */
final class BodyInput {
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** The two ways to give the text. */
    static final class Source {
        @Option(names = "--body", description = "The Markdown text.")
        String text;

        @Option(names = "--body-file", paramLabel = "FILE", description = "A file holding the text, or - for standard input.")
        String file;
    }

    /** The text given, read from its file when need be. */
    String text() {
        return source.text != null ? source.text
                : new String(InputFiles.readAll(source.file, MAX_FILE_BYTES), StandardCharsets.UTF_8);
    }
}
