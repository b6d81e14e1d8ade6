package dev.seedforge.console.client;

/** A service answered 404: the job or dataset does not exist (yet). A value to show, never retried. */
public class NotFoundAnswer extends RuntimeException {

    public NotFoundAnswer(String message) {
        super(message, null, false, false);
    }
}
