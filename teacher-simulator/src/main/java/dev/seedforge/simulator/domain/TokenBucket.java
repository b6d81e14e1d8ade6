package dev.seedforge.simulator.domain;

/**
 * A bucket of {@code capacity} units that refills continuously at {@code capacity} per minute, as OpenAI's limits do:
 * a full bucket allows a burst of the whole minute's allowance, then requests pass at the refill rate. Not
 * thread-safe: the {@link RateLimiter} guards it.
 */
public final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final long capacity;
    private final double perNano;
    private double level;
    private long updatedAt;

    public TokenBucket(long capacity, long nowNanos) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.perNano = capacity / NANOS_PER_MINUTE;
        this.level = capacity;
        this.updatedAt = nowNanos;
    }

    public long capacity() {
        return capacity;
    }

    /** Whole units available now. */
    public long remaining(long nowNanos) {
        refill(nowNanos);
        return (long) Math.floor(level);
    }

    /** Takes {@code amount} if that many are there; otherwise takes nothing. */
    public boolean tryTake(long amount, long nowNanos) {
        refill(nowNanos);
        if (amount > level) {
            return false;
        }
        level -= amount;
        return true;
    }

    /** How long until {@code amount} units are available (0 when they are); amounts above capacity never are. */
    public long millisUntil(long amount, long nowNanos) {
        refill(nowNanos);
        double missing = Math.min(amount, capacity) - level;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano / 1e6);
    }

    /** How long until the bucket is full again: OpenAI's {@code x-ratelimit-reset-*}. */
    public long millisUntilFull(long nowNanos) {
        return millisUntil(capacity, nowNanos);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedAt;
        if (elapsed > 0) {
            level = Math.min(capacity, level + elapsed * perNano);
            updatedAt = nowNanos;
        }
    }
}
