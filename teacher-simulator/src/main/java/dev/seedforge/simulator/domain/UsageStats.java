package dev.seedforge.simulator.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts what the simulator served, in total and over the last minute (per second slots), so that a benchmark can
 * compare its throughput with the configured limits.
 */
public final class UsageStats {

    private static final int WINDOW_SECONDS = 60;

    private final LongSupplier millisClock;
    private volatile long startedAt;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong stormRateLimited = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();
    private final AtomicLong ratedTokens = new AtomicLong();
    private final Map<String, AtomicLong> completionsByKey = new ConcurrentHashMap<>();
    private final long[] slotSecond = new long[WINDOW_SECONDS];
    private final long[] slotRequests = new long[WINDOW_SECONDS];
    private final long[] slotTokens = new long[WINDOW_SECONDS];

    public UsageStats(LongSupplier millisClock) {
        this.millisClock = millisClock;
        this.startedAt = millisClock.getAsLong();
    }

    public UsageStats() {
        this(System::currentTimeMillis);
    }

    public void request() {
        requests.incrementAndGet();
    }

    public void rateLimited() {
        rateLimited.incrementAndGet();
    }

    public void stormRateLimited() {
        stormRateLimited.incrementAndGet();
    }

    public void serverError() {
        serverErrors.incrementAndGet();
    }

    public void timeout() {
        timeouts.incrementAndGet();
    }

    /** One answered request and the tokens it counted against the limits. */
    public void completion(String apiKey, int prompt, int completion, long rated) {
        completions.incrementAndGet();
        promptTokens.addAndGet(prompt);
        completionTokens.addAndGet(completion);
        ratedTokens.addAndGet(rated);
        completionsByKey.computeIfAbsent(apiKey == null ? "(none)" : mask(apiKey), k -> new AtomicLong())
                .incrementAndGet();
        long second = millisClock.getAsLong() / 1000;
        int slot = (int) (second % WINDOW_SECONDS);
        synchronized (slotSecond) {
            if (slotSecond[slot] != second) {
                slotSecond[slot] = second;
                slotRequests[slot] = 0;
                slotTokens[slot] = 0;
            }
            slotRequests[slot]++;
            slotTokens[slot] += rated;
        }
    }

    public void reset() {
        for (AtomicLong counter : List.of(requests, completions, rateLimited, stormRateLimited, serverErrors, timeouts,
                promptTokens, completionTokens, ratedTokens)) {
            counter.set(0);
        }
        completionsByKey.clear();
        synchronized (slotSecond) {
            java.util.Arrays.fill(slotSecond, 0);
            java.util.Arrays.fill(slotRequests, 0);
            java.util.Arrays.fill(slotTokens, 0);
        }
        startedAt = millisClock.getAsLong();
    }

    public Map<String, Object> snapshot() {
        long now = millisClock.getAsLong();
        long second = now / 1000;
        long windowRequests = 0;
        long windowTokens = 0;
        synchronized (slotSecond) {
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                if (second - slotSecond[i] < WINDOW_SECONDS) {
                    windowRequests += slotRequests[i];
                    windowTokens += slotTokens[i];
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uptime_ms", now - startedAt);
        out.put("requests", requests.get());
        out.put("completions", completions.get());
        out.put("rate_limited", rateLimited.get());
        out.put("storm_rate_limited", stormRateLimited.get());
        out.put("server_errors", serverErrors.get());
        out.put("timeouts", timeouts.get());
        out.put("prompt_tokens", promptTokens.get());
        out.put("completion_tokens", completionTokens.get());
        out.put("rated_tokens", ratedTokens.get());
        out.put("last_minute", Map.of("requests", windowRequests, "rated_tokens", windowTokens));
        Map<String, Long> keys = new LinkedHashMap<>();
        completionsByKey.forEach((k, v) -> keys.put(k, v.get()));
        out.put("completions_by_key", keys);
        return out;
    }

    /** Shows enough of a key to tell keys apart, never the key. */
    static String mask(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 3) + "..." + key.substring(key.length() - 4);
    }
}
