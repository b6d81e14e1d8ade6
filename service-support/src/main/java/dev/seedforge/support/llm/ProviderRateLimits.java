package dev.seedforge.support.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a provider's answer says about its rate limits, read from the headers OpenAI (and the servers that copy it)
 * send: {@code retry-after} / {@code retry-after-ms} on a 429, and {@code x-ratelimit-limit-*},
 * {@code x-ratelimit-remaining-*}, {@code x-ratelimit-reset-*} on every answer; or Anthropic's
 * {@code anthropic-ratelimit-requests-*} / {@code anthropic-ratelimit-tokens-*} (resets as RFC 3339 times). Gemini
 * sends no such headers: its 429 says how long to wait in the body ({@link #retryDelayInBody(String)}). Any figure may
 * be missing (null).
 */
public record ProviderRateLimits(Duration retryAfter, Long limitRequests, Long limitTokens, Long remainingRequests,
        Long remainingTokens, Duration resetRequests, Duration resetTokens) {

    public static final ProviderRateLimits NONE = new ProviderRateLimits(null, null, null, null, null, null, null);

    private static final String ANTHROPIC = "anthropic-ratelimit-";
    private static final ObjectMapper BODY = new ObjectMapper();

    /** One unit of a Go-style duration as OpenAI writes it: {@code 20ms}, {@code 1.5s}, {@code 6m0s}, {@code 1h2m3s}. */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    /** Reads the headers through {@code header}, which answers a header's first value by name, or null. */
    public static ProviderRateLimits from(Function<String, String> header, Instant now) {
        Duration retryAfter = millis(header.apply("retry-after-ms"));
        if (retryAfter == null) {
            retryAfter = retryAfter(header.apply("retry-after"), now);
        }
        return new ProviderRateLimits(retryAfter,
                first(count(header.apply("x-ratelimit-limit-requests")),
                        count(header.apply(ANTHROPIC + "requests-limit"))),
                first(count(header.apply("x-ratelimit-limit-tokens")), count(header.apply(ANTHROPIC + "tokens-limit"))),
                first(count(header.apply("x-ratelimit-remaining-requests")),
                        count(header.apply(ANTHROPIC + "requests-remaining"))),
                first(count(header.apply("x-ratelimit-remaining-tokens")),
                        count(header.apply(ANTHROPIC + "tokens-remaining"))),
                first(duration(header.apply("x-ratelimit-reset-requests")),
                        until(header.apply(ANTHROPIC + "requests-reset"), now)),
                first(duration(header.apply("x-ratelimit-reset-tokens")),
                        until(header.apply(ANTHROPIC + "tokens-reset"), now)));
    }

    /** The same figures with {@code retryAfter} as the wait, when none was read yet (Gemini's body says it). */
    public ProviderRateLimits withRetryAfter(Duration wait) {
        return wait == null || retryAfter != null ? this
                : new ProviderRateLimits(wait, limitRequests, limitTokens, remainingRequests, remainingTokens,
                        resetRequests, resetTokens);
    }

    /**
     * The wait a Google API error body asks for: the {@code retryDelay} ({@code "17s"}, {@code "0.5s"}) of its
     * {@code google.rpc.RetryInfo} detail, as Gemini's 429 RESOURCE_EXHAUSTED carries it; null when there is none or
     * the body is not such JSON.
     */
    public static Duration retryDelayInBody(String body) {
        if (body == null || !body.contains("retryDelay")) {
            return null;
        }
        try {
            JsonNode details = BODY.readTree(body).path("error").path("details");
            for (JsonNode detail : details) {
                if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                    return duration(detail.path("retryDelay").asText(null));
                }
            }
        } catch (JsonProcessingException e) {
            return null;
        }
        return null;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * How long a 429 says to wait: its {@code retry-after}, or else the reset of each limit it reports exhausted
     * (OpenAI sends no {@code retry-after} on some 429s); null when it says nothing usable.
     */
    public Duration waitAfterRefusal() {
        if (retryAfter != null) {
            return retryAfter;
        }
        Duration wait = null;
        if (remainingRequests != null && remainingRequests == 0 && resetRequests != null) {
            wait = resetRequests;
        }
        if (remainingTokens != null && remainingTokens == 0 && resetTokens != null
                && (wait == null || resetTokens.compareTo(wait) > 0)) {
            wait = resetTokens;
        }
        return wait;
    }

    /**
     * Parses OpenAI's reset durations ({@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 17.28s}, {@code 1h2m3.5s}); a
     * bare number is seconds. Null for null or blank; an unreadable value is null too, since a header a provider
     * garbles must not fail the call it came with.
     */
    public static Duration duration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+(\\.\\d+)?")) {
            return seconds(text);
        }
        Matcher part = DURATION_PART.matcher(text);
        double nanos = 0;
        int end = 0;
        while (part.find()) {
            if (part.start() != end) {
                return null;
            }
            double amount = Double.parseDouble(part.group(1));
            nanos += amount * switch (part.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
            end = part.end();
        }
        return end == text.length() && end > 0 ? Duration.ofNanos(Math.round(nanos)) : null;
    }

    /** How long until an RFC 3339 time ({@code 2025-01-01T00:00:30Z}); null when unreadable, zero when past. */
    static Duration until(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(value.trim()).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <T> T first(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /** {@code Retry-After} as RFC 9110 has it: delay in seconds, or an HTTP date. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.matches("\\d+(\\.\\d+)?")) {
            return seconds(text);
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration seconds(String text) {
        return Duration.ofNanos(Math.round(Double.parseDouble(text) * 1e9));
    }

    private static Duration millis(String value) {
        if (value == null || !value.trim().matches("\\d+(\\.\\d+)?")) {
            return null;
        }
        return Duration.ofNanos(Math.round(Double.parseDouble(value.trim()) * 1e6));
    }

    private static Long count(String value) {
        if (value == null || !value.trim().matches("\\d+")) {
            return null;
        }
        return Long.parseLong(value.trim());
    }
}
