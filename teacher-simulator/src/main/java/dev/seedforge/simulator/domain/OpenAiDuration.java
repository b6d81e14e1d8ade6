package dev.seedforge.simulator.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Durations the way OpenAI writes them in {@code x-ratelimit-reset-*} headers and 429 messages: 120ms, 1.5s, 6m0s. */
public final class OpenAiDuration {

    private OpenAiDuration() {
    }

    public static String format(long millis) {
        long ms = Math.max(0, millis);
        if (ms < 1000) {
            return ms + "ms";
        }
        long hours = ms / 3_600_000;
        long minutes = ms % 3_600_000 / 60_000;
        long restMillis = ms % 60_000;
        String seconds = BigDecimal.valueOf(restMillis, 3).setScale(3, RoundingMode.UNNECESSARY).stripTrailingZeros()
                .toPlainString() + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }
}
