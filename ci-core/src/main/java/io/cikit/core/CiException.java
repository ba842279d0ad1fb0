package io.cikit.core;

/**
 * Root of every exception cikit throws. Unchecked; subtypes carry structure (an HTTP status to answer, the
 * configuration key that is missing, whether a delivery may be retried). Transport types never appear as causes
 * visible through the API's signatures.
 */
public class CiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CiException(String message) {
        super(message);
    }

    public CiException(String message, Throwable cause) {
        super(message, cause);
    }
}
