package dev.seedforge.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, the one digest of every service: prompt hashes, ids from idempotency keys, exact-text keys. */
public final class Hashing {

    private Hashing() {
    }

    /** The digest of the parts, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ. */
    public static String sha256(String... parts) {
        MessageDigest digest = sha256();
        for (String part : parts) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of the bytes as they are. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
