package dev.seedforge.support.secrets;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Masks secrets in every log record before a handler writes it: the formatted message and the messages of the thrown
 * exception and its causes. Each service names it on its handlers ({@code quarkus.log.console.filter=redact-secrets}).
 */
@LoggingFilter(name = RedactingLogFilter.NAME)
public final class RedactingLogFilter implements Filter {

    public static final String NAME = "redact-secrets";

    @Override
    public boolean isLoggable(LogRecord record) {
        Secrets secrets = Secrets.current();
        if (secrets.isEmpty()) {
            return true;
        }
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            String redacted = secrets.apply(formatted);
            if (formatted != null && !formatted.equals(redacted)) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getMessage() != null) {
            record.setMessage(secrets.apply(record.getMessage()));
        }
        if (record.getThrown() != null && mentionsSecret(record.getThrown(), secrets)) {
            record.setThrown(RedactedThrowable.of(record.getThrown(), secrets));
        }
        return true;
    }

    private static boolean mentionsSecret(Throwable thrown, Secrets secrets) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.toString();
            if (!text.equals(secrets.apply(text))) {
                return true;
            }
        }
        return false;
    }

    /** A stand-in for an exception whose message held a secret: same class name, stack and cause chain, masked. */
    static final class RedactedThrowable extends RuntimeException {

        private final String className;

        private RedactedThrowable(String className, String message, Throwable cause) {
            super(message, cause, false, true);
            this.className = className;
        }

        static Throwable of(Throwable original, Secrets secrets) {
            Throwable cause = original.getCause() == null || original.getCause() == original ? null
                    : of(original.getCause(), secrets);
            RedactedThrowable copy = new RedactedThrowable(original.getClass().getName(),
                    secrets.apply(original.getMessage()), cause);
            copy.setStackTrace(original.getStackTrace());
            return copy;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? className : className + ": " + message;
        }
    }
}
