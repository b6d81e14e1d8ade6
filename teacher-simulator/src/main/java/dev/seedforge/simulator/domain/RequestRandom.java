package dev.seedforge.simulator.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Derives the random source of one request from the configured seed and the request's messages and temperature, so
 * that the same request always gets the same answer and a different seed gives a different one.
 */
public final class RequestRandom {

    private RequestRandom() {
    }

    /** A stable 64-bit fingerprint of what the answer depends on. */
    public static long fingerprint(List<Turn> messages, Double temperature) {
        MessageDigest digest = sha256();
        for (Turn turn : messages) {
            digest.update(String.valueOf(turn.role()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(turn.content().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0x1e);
        }
        digest.update(String.valueOf(temperature).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    public static SplittableRandom forRequest(long seed, List<Turn> messages, Double temperature) {
        return new SplittableRandom(mix(seed, fingerprint(messages, temperature)));
    }

    /** A completion id that is the same for the same request and seed. */
    public static String completionId(long seed, List<Turn> messages, Double temperature) {
        return "chatcmpl-sim" + HexFormat.of().toHexDigits(mix(seed, fingerprint(messages, temperature)));
    }

    public static long mix(long seed, long fingerprint) {
        long z = seed * 0x9E3779B97F4A7C15L ^ fingerprint;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
