package io.cikit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a command's input: a file path, or {@code -} for standard input; failures are exit code 2. */
final class InputFiles {
    private InputFiles() {
    }

    static byte[] readAll(String pathOrDash, long maxBytes) {
        try {
            if (pathOrDash.equals("-")) {
                return readBounded(System.in, maxBytes, "standard input");
            }
            Path p = Path.of(pathOrDash);
            if (!Files.isRegularFile(p)) {
                throw new UnreadableInputException("no such file: " + pathOrDash);
            }
            if (Files.size(p) > maxBytes) {
                throw new UnreadableInputException(pathOrDash + " is larger than " + maxBytes + " bytes");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read " + pathOrDash + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readBounded(InputStream in, long maxBytes, String what) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (data.length > maxBytes) {
            throw new UnreadableInputException(what + " is larger than " + maxBytes + " bytes");
        }
        return data;
    }
}
