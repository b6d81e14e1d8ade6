package dev.seedforge.support.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void everySecretIsMaskedWhereverItAppearsAndShortValuesAreLeftAlone() {
        Secrets secrets = new Secrets(Set.of("sk-test-1234567890", "sk-test-1234567890-longer", "short"));
        assertEquals("Incorrect API key provided: Bearer [REDACTED]; again [REDACTED]",
                secrets.apply("Incorrect API key provided: Bearer sk-test-1234567890-longer; again sk-test-1234567890"));
        assertEquals("a short word", secrets.apply("a short word"));
        assertEquals(null, secrets.apply(null));
    }
}
