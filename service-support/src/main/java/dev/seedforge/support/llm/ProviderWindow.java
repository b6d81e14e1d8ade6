package dev.seedforge.support.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

/**
 * The window a provider closes with a 429, for every call of one model client (the teacher's, the judge's), not only
 * the refused one: closed until the 429's {@code retry-after} (or the reset of the limit it reports exhausted,
 * {@link ProviderRateLimits#waitAfterRefusal()}) has passed, never longer than a configured maximum, so a garbled
 * header cannot stall the service. Callers wait for it before each attempt ({@link #awaitOpen()}); the
 * {@link ProviderRateLimitFilter} feeds it every answer's headers and refuses requests locally while it is closed.
 */
public class ProviderWindow implements ProviderRateLimitFilter.Listener {

    private static final Logger LOG = Logger.getLogger(ProviderWindow.class);
    /** A pause extended by less than this is not worth a log line. */
    private static final Duration LOGGED_PAUSE = Duration.ofMillis(100);

    private final String client;
    private final Duration maxPause;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.EPOCH);

    /** {@code client} names the model client in logs: {@code teacher}, {@code judge}. */
    public ProviderWindow(String client, Duration maxPause) {
        this.client = client;
        this.maxPause = maxPause;
    }

    @Override
    public void onProviderAnswer(int status, ProviderRateLimits limits, Instant now) {
        if (status != 429) {
            return;
        }
        Duration wait = limits.waitAfterRefusal();
        if (wait == null) {
            return;
        }
        if (wait.compareTo(maxPause) > 0) {
            LOG.warnf("The %s asked to wait %s; waiting the configured maximum of %s", client, wait, maxPause);
            wait = maxPause;
        }
        Instant until = now.plus(wait);
        Instant before = closedUntil.getAndAccumulate(until, (current, next) -> next.isAfter(current) ? next : current);
        if (until.isAfter(before.plus(LOGGED_PAUSE))) {
            LOG.infof("The %s answered 429: %s calls wait until %s (%d ms)", client, client, until, wait.toMillis());
        }
    }

    /** When the provider's window opens again; in the past when it is open. */
    @Override
    public Instant closedUntil() {
        return closedUntil.get();
    }

    @Override
    public String client() {
        return client;
    }

    /** Blocks until the window is open. */
    public void awaitOpen() throws InterruptedException {
        for (Instant until = closedUntil.get(); Instant.now().isBefore(until); until = closedUntil.get()) {
            Thread.sleep(Math.max(1, Duration.between(Instant.now(), until).toMillis()));
        }
    }
}
