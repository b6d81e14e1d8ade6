package dev.seedforge.generator.llm;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bucket;

import dev.seedforge.generator.config.GeneratorConfig;

/**
 * Keeps teacher calls under the provider's requests-per-minute and tokens-per-minute limits on the client side, so a
 * job runs at the limit instead of into a storm of 429s. Each call waits for one request and its estimated tokens.
 */
@ApplicationScoped
public class TeacherRateLimiter {

    private final Bucket requests;
    private final Bucket tokens;
    private final long tokenCapacity;

    public TeacherRateLimiter(GeneratorConfig config) {
        this.requests = bucket(config.rateLimit().requestsPerMinute());
        this.tokens = bucket(config.rateLimit().tokensPerMinute());
        this.tokenCapacity = config.rateLimit().tokensPerMinute();
    }

    private static Bucket bucket(long perMinute) {
        if (perMinute <= 0) {
            return null;
        }
        return Bucket.builder().addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute,
                Duration.ofMinutes(1))).build();
    }

    /** Blocks until the call may start. */
    public void acquire(long estimatedTokens) throws InterruptedException {
        if (requests != null) {
            requests.asBlocking().consume(1);
        }
        if (tokens != null) {
            tokens.asBlocking().consume(Math.max(1, Math.min(estimatedTokens, tokenCapacity)));
        }
    }
}
