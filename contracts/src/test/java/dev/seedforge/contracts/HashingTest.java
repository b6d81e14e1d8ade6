package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class HashingTest {

    @Test
    void bytesAreDigestedAsTheyAre() {
        // FIPS 180-2's example "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hashing.sha256("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(Hashing.digest("abc".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void partsAreEachEndedSoTheirBoundariesCount() {
        assertEquals(Hashing.sha256("abc\0".getBytes(StandardCharsets.UTF_8)), Hashing.sha256("abc"));
        assertNotEquals(Hashing.sha256("ab", "c"), Hashing.sha256("a", "bc"));
        assertEquals(Hashing.sha256("null"), Hashing.sha256((String) null), "a missing part hashes as its name");
    }
}
