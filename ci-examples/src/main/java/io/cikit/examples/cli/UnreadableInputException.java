package io.cikit.examples.cli;

/** An input file or stream could not be read or understood at all (exit code 2). */
final class UnreadableInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableInputException(String message) {
        super(message);
    }

    UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
