package dev.seedforge.localstack;

/**
 * The local stack could not start or stop; the message says what to change (a busy port, an unusable data directory)
 * so that a command-line user gets a clear error instead of a broker stack trace.
 */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
