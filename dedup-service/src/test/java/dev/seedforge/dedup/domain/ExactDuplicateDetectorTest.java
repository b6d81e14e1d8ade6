package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.TextNormalizer;

class ExactDuplicateDetectorTest {

    private final ExactDuplicateDetector detector = new ExactDuplicateDetector(new TextNormalizer(),
            new InMemoryFingerprintIndex());

    @Test
    void fingerprintIsTheSha256OfTheNormalisedText() {
        // sha256("abc")
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", detector.fingerprint(" ABC "));
        assertEquals(detector.fingerprint("ｆｕｌｌ　ｗｉｄｔｈ"), detector.fingerprint("Full Width"));
        assertNotEquals(detector.fingerprint("full width"), detector.fingerprint("fullwidth"));
    }

    @Test
    void findsOnlyWhatItWasToldToRemember() {
        assertEquals(Optional.empty(), detector.findMatch("job-1", "hello").await().indefinitely());
        detector.remember("job-1", "seed:0", "Hello").await().indefinitely();
        detector.remember("job-1", "c-7", "HELLO").await().indefinitely();
        assertEquals(Optional.of(new Match("seed:0", "exact", 1.0)),
                detector.findMatch("job-1", "hello").await().indefinitely());
    }
}
