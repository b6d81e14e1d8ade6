package dev.seedforge.exporter.client;

/** The generator does not know the job (HTTP 404): retrying will not help. */
public class UnknownJobException extends RuntimeException {

    public UnknownJobException(String message) {
        super(message);
    }
}
