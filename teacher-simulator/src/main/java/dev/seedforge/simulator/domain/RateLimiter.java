package dev.seedforge.simulator.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * OpenAI-style rate limits per API key: a requests-per-minute and a tokens-per-minute {@link TokenBucket} (0 means
 * unlimited). A request passes only when both buckets hold enough, and then takes from both; a refused request takes
 * nothing. Every decision carries the {@code x-ratelimit-*} headers OpenAI sends.
 */
public final class RateLimiter {

    public static final String REQUESTS = "requests";
    public static final String TOKENS = "tokens";
    static final String ANONYMOUS = "";

    private final long requestsPerMinute;
    private final long tokensPerMinute;
    private final LongSupplier nanoClock;
    private final Map<String, Buckets> byKey = new ConcurrentHashMap<>();

    public RateLimiter(long requestsPerMinute, long tokensPerMinute, LongSupplier nanoClock) {
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.nanoClock = nanoClock;
    }

    public RateLimiter(long requestsPerMinute, long tokensPerMinute) {
        this(requestsPerMinute, tokensPerMinute, System::nanoTime);
    }

    public boolean unlimited() {
        return requestsPerMinute == 0 && tokensPerMinute == 0;
    }

    public long requestsPerMinute() {
        return requestsPerMinute;
    }

    public long tokensPerMinute() {
        return tokensPerMinute;
    }

    /**
     * Admits or refuses one request of {@code tokens} tokens (prompt plus max_tokens, or plus the actual completion).
     *
     * @param apiKey the bearer token, or {@code null} for the one shared bucket of requests without one
     */
    public RateLimitDecision acquire(String apiKey, String model, long tokens) {
        if (unlimited()) {
            return new RateLimitDecision(true, null, 0, Map.of(), null);
        }
        long now = nanoClock.getAsLong();
        Buckets buckets = byKey.computeIfAbsent(apiKey == null ? ANONYMOUS : apiKey, k -> new Buckets(now));
        synchronized (buckets) {
            if (buckets.tokens != null && tokens > buckets.tokens.capacity()) {
                String message = "Request too large for " + model + " in organization org-seedforge on tokens per min "
                        + "(TPM): Limit " + tokensPerMinute + ", Requested " + tokens
                        + ". The input or output tokens must be reduced in order to run successfully. Visit "
                        + "https://platform.openai.com/account/rate-limits to learn more.";
                return new RateLimitDecision(false, TOKENS, 0, headers(buckets, now, 0), message);
            }
            long waitRequests = buckets.requests == null ? 0 : buckets.requests.millisUntil(1, now);
            long waitTokens = buckets.tokens == null ? 0 : buckets.tokens.millisUntil(tokens, now);
            if (waitRequests == 0 && waitTokens == 0) {
                if (buckets.requests != null) {
                    buckets.requests.tryTake(1, now);
                }
                if (buckets.tokens != null) {
                    buckets.tokens.tryTake(tokens, now);
                }
                return new RateLimitDecision(true, null, 0, headers(buckets, now, 0), null);
            }
            boolean requestsLimit = waitRequests >= waitTokens;
            long wait = Math.max(waitRequests, waitTokens);
            TokenBucket bucket = requestsLimit ? buckets.requests : buckets.tokens;
            long limit = bucket.capacity();
            long used = limit - bucket.remaining(now);
            String message = "Rate limit reached for " + model + " in organization org-seedforge on "
                    + (requestsLimit ? "requests per min (RPM)" : "tokens per min (TPM)") + ": Limit " + limit
                    + ", Used " + used + ", Requested " + (requestsLimit ? 1 : tokens) + ". Please try again in "
                    + OpenAiDuration.format(wait) + ". Visit https://platform.openai.com/account/rate-limits to "
                    + "learn more.";
            return new RateLimitDecision(false, requestsLimit ? REQUESTS : TOKENS, wait, headers(buckets, now, wait),
                    message);
        }
    }

    /** The {@code x-ratelimit-*} headers as they stand now, for answers that were not rate limited. */
    public Map<String, String> currentHeaders(String apiKey) {
        Buckets buckets = byKey.get(apiKey == null ? ANONYMOUS : apiKey);
        if (buckets == null) {
            return Map.of();
        }
        synchronized (buckets) {
            return headers(buckets, nanoClock.getAsLong(), 0);
        }
    }

    private Map<String, String> headers(Buckets buckets, long now, long retryAfterMillis) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfterMillis > 0) {
            headers.put("retry-after", String.valueOf(Math.max(1, (retryAfterMillis + 999) / 1000)));
            headers.put("retry-after-ms", String.valueOf(retryAfterMillis));
        }
        if (buckets.requests != null) {
            headers.put("x-ratelimit-limit-requests", String.valueOf(requestsPerMinute));
            headers.put("x-ratelimit-remaining-requests", String.valueOf(buckets.requests.remaining(now)));
            headers.put("x-ratelimit-reset-requests",
                    OpenAiDuration.format(buckets.requests.millisUntilFull(now)));
        }
        if (buckets.tokens != null) {
            headers.put("x-ratelimit-limit-tokens", String.valueOf(tokensPerMinute));
            headers.put("x-ratelimit-remaining-tokens", String.valueOf(buckets.tokens.remaining(now)));
            headers.put("x-ratelimit-reset-tokens", OpenAiDuration.format(buckets.tokens.millisUntilFull(now)));
        }
        return headers;
    }

    /** Forgets every key's usage: all buckets full again. */
    public void reset() {
        byKey.clear();
    }

    private final class Buckets {
        final TokenBucket requests;
        final TokenBucket tokens;

        Buckets(long now) {
            requests = requestsPerMinute > 0 ? new TokenBucket(requestsPerMinute, now) : null;
            tokens = tokensPerMinute > 0 ? new TokenBucket(tokensPerMinute, now) : null;
        }
    }

    /**
     * @param limitType {@link #REQUESTS} or {@link #TOKENS} when refused
     * @param message OpenAI's 429 message when refused
     */
    public record RateLimitDecision(boolean allowed, String limitType, long retryAfterMillis,
            Map<String, String> headers, String message) {
    }
}
