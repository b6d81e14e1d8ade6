package dev.seedforge.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ApiAccessTest {

    @Test
    void noTokenMeansAnOpenApi() {
        ApiAccess access = new ApiAccess(Optional.empty(), List.of());
        assertFalse(access.enabled());
        assertEquals(Caller.OPEN, access.caller((io.quarkus.security.identity.SecurityIdentity) null));
        assertTrue(Caller.OPEN.maySee("anyone"));
        assertEquals(null, Caller.OPEN.owner());
    }

    @Test
    void eachTokenStandsForItsTenantAndTheOperatorTokenForTheOperator() {
        ApiAccess access = new ApiAccess(Optional.of("op-token-123"), List.of("acme:acme-token-1", " globex : g-tok-2 "));
        assertTrue(access.enabled());
        assertEquals(Optional.of(new Caller("acme", false, true)), access.callerOf("acme-token-1"));
        assertEquals(Optional.of(new Caller("globex", false, true)), access.callerOf("g-tok-2"));
        assertEquals(Optional.of(new Caller(Caller.OPERATOR, true, true)), access.callerOf("op-token-123"));
        assertEquals(Optional.empty(), access.callerOf("acme-token-"));
        assertEquals(Optional.empty(), access.callerOf("acme-token-12"));
        assertEquals(Optional.empty(), access.callerOf(null));

        Caller acme = access.callerOf("acme-token-1").orElseThrow();
        assertTrue(acme.maySee("acme"));
        assertFalse(acme.maySee("globex"));
        assertFalse(acme.maySee(null), "a job without owner is the operator's");
        assertTrue(access.callerOf("op-token-123").orElseThrow().maySee("globex"));
    }

    @Test
    void aMalformedEntryIsNamedByPositionNeverByValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ApiAccess(Optional.empty(), List.of("acme:a-token", "secret-without-tenant")));
        assertTrue(e.getMessage().contains("entry 2"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-without-tenant"), e.getMessage());
    }
}
