package dev.seedforge.generator.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bucket;

import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.support.llm.ProviderRateLimitFilter;
import dev.seedforge.support.llm.ProviderRateLimits;
import dev.seedforge.support.llm.ProviderWindow;

/**
 * Keeps teacher calls under the provider's requests-per-minute and tokens-per-minute limits on the client side, so a
 * job runs at the limit instead of into a storm of 429s. Each call waits for one request and its estimated tokens.
 * The provider's own figures correct that estimate: its {@code x-ratelimit-remaining-*} headers drain the local
 * buckets when it has less left than they think (another client on the key, tokens counted differently), and a 429
 * closes the window for every call, not only the refused one, until its {@code retry-after} (or the reset of the
 * exhausted limit) has passed.
 */
@ApplicationScoped
public class TeacherRateLimiter implements ProviderRateLimitFilter.Listener {

    private final Bucket requests;
    private final Bucket tokens;
    private final long tokenCapacity;
    /** The window a 429 closes: the one implementation the judge's client shares. */
    private final ProviderWindow window;

    public TeacherRateLimiter(GeneratorConfig config) {
        this.requests = bucket(config.rateLimit().requestsPerMinute());
        this.tokens = bucket(config.rateLimit().tokensPerMinute());
        this.tokenCapacity = config.rateLimit().tokensPerMinute();
        this.window = new ProviderWindow("teacher", config.rateLimit().maxProviderPause());
    }

    private static Bucket bucket(long perMinute) {
        if (perMinute <= 0) {
            return null;
        }
        return Bucket.builder().addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute,
                Duration.ofMinutes(1))).build();
    }

    /**
     * Blocks until the call may start: the provider's window is open and the local buckets hold enough. The tokens
     * are estimated only when a tokens-per-minute limit is on: counting a long prompt is the costly part of a call's
     * bookkeeping, and without the limit nothing reads it.
     */
    public void acquire(LongSupplier estimatedTokens) throws InterruptedException {
        awaitProviderWindow();
        if (requests != null) {
            requests.asBlocking().consume(1);
        }
        if (tokens != null) {
            tokens.asBlocking().consume(Math.max(1, Math.min(estimatedTokens.getAsLong(), tokenCapacity)));
        }
        awaitProviderWindow();
    }

    /** Takes in what one answer of the provider says about its limits; called for every answer, 429s included. */
    @Override
    public void onProviderAnswer(int status, ProviderRateLimits limits, Instant now) {
        drainTo(requests, limits.remainingRequests());
        drainTo(tokens, limits.remainingTokens());
        window.onProviderAnswer(status, limits, now);
    }

    /** When the provider's window opens again; in the past when it is open. */
    @Override
    public Instant closedUntil() {
        return window.closedUntil();
    }

    @Override
    public String client() {
        return window.client();
    }

    private void awaitProviderWindow() throws InterruptedException {
        window.awaitOpen();
    }

    /** Lowers a local bucket to what the provider says is left; never raises it (in-flight calls are not counted yet). */
    private static void drainTo(Bucket bucket, Long remaining) {
        if (bucket == null || remaining == null) {
            return;
        }
        long excess = bucket.getAvailableTokens() - remaining;
        if (excess > 0) {
            bucket.consumeIgnoringRateLimits(excess);
        }
    }
}
