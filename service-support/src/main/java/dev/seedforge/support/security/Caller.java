package dev.seedforge.support.security;

import java.util.Objects;

/**
 * Who is calling: a tenant, or the operator (who may see everything). {@link #owner()} is what a job records as its
 * owner; it is {@code null} when the API is open, so jobs of the local demo belong to no one and everyone sees them.
 */
public record Caller(String name, boolean operator, boolean authenticated) {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_ROLE = "seedforge-operator";
    public static final String TENANT_ROLE = "seedforge-tenant";

    /** The caller of an open API (no token configured). */
    public static final Caller OPEN = new Caller("local", true, false);

    public String owner() {
        return authenticated ? name : null;
    }

    /** The operator sees every job; a tenant only its own (a job with no owner is the operator's). */
    public boolean maySee(String owner) {
        return operator || (owner != null && Objects.equals(owner, name));
    }
}
