package dev.seedforge.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;

import dev.seedforge.contracts.Hashing;

/**
 * The configured tokens, compared in constant time (as SHA-256 digests, so neither length nor prefix leaks through
 * timing). Error messages name a bad entry by its position, never by its value.
 */
@ApplicationScoped
public class ApiAccess {

    private record Entry(byte[] digest, Caller caller) {
    }

    private final List<Entry> entries;

    @Inject
    public ApiAccess(ApiAccessConfig config) {
        this(config.token(), config.tokens().orElse(List.of()));
    }

    ApiAccess(Optional<String> operatorToken, List<String> tenantTokens) {
        List<Entry> parsed = new ArrayList<>();
        operatorToken.filter(t -> !t.isBlank())
                .ifPresent(t -> parsed.add(new Entry(digest(t.strip()), new Caller(Caller.OPERATOR, true, true))));
        for (int i = 0; i < tenantTokens.size(); i++) {
            String pair = tenantTokens.get(i).strip();
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("seedforge.api.tokens entry " + (i + 1)
                        + " must be tenant:token (the value is not shown)");
            }
            String tenant = pair.substring(0, colon).strip();
            if (tenant.equals(Caller.OPERATOR)) {
                throw new IllegalArgumentException("seedforge.api.tokens entry " + (i + 1) + ": the tenant name '"
                        + Caller.OPERATOR + "' is reserved for SEEDFORGE_API_TOKEN");
            }
            parsed.add(new Entry(digest(pair.substring(colon + 1).strip()), new Caller(tenant, false, true)));
        }
        this.entries = List.copyOf(parsed);
    }

    /** Whether a token is needed: only once one is configured. */
    public boolean enabled() {
        return !entries.isEmpty();
    }

    /** The caller a presented token stands for, checking every entry so that timing says nothing. */
    public Optional<Caller> callerOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] candidate = digest(presented.strip());
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), candidate) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The caller behind an authenticated request; {@link Caller#OPEN} when no token is configured. */
    public Caller caller(SecurityIdentity identity) {
        if (!enabled()) {
            return Caller.OPEN;
        }
        if (identity == null || identity.isAnonymous()) {
            throw new IllegalStateException("an unauthenticated request reached a protected endpoint");
        }
        return new Caller(identity.getPrincipal().getName(), identity.hasRole(Caller.OPERATOR_ROLE), true);
    }

    private static byte[] digest(String token) {
        return Hashing.digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
