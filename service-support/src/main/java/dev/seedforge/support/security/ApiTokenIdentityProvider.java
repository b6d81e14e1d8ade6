package dev.seedforge.support.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a configured bearer token into its tenant (or the operator); any other token fails without saying why. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ApiAccess access;

    public ApiTokenIdentityProvider(ApiAccess access) {
        this.access = access;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return access.callerOf(request.getToken().getToken())
                .map(caller -> Uni.createFrom().<SecurityIdentity> item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(caller.name()))
                        .addRole(caller.operator() ? Caller.OPERATOR_ROLE : Caller.TENANT_ROLE)
                        .addCredential(request.getToken())
                        .build()))
                // the message is fixed: never the token, never which part did not match
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("invalid API token")));
    }
}
