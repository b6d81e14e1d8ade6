package dev.seedforge.console.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import dev.seedforge.support.security.ApiAccess;
import dev.seedforge.support.security.BearerTokenMechanism;

/**
 * The console's authentication: the bearer header as every service takes it, or else the token a person gave on the
 * sign-in page, kept in an HttpOnly cookie (a browser cannot send the header itself). The cookie's token is put on the
 * request as its bearer header, so that the REST clients pass it on to the generator and exporter as they pass a
 * caller's own. A page asked for without a token is answered by the sign-in page, an API or htmx call by 401.
 */
@Singleton
public class SignInCookieMechanism extends BearerTokenMechanism {

    /** The cookie the sign-in page sets. */
    public static final String COOKIE = "seedforge_token";
    public static final String SIGN_IN_PATH = "/sign-in";

    public SignInCookieMechanism(ApiAccess access) {
        super(access);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (access.enabled() && context.request().getHeader(HttpHeaderNames.AUTHORIZATION) == null) {
            Cookie cookie = context.request().getCookie(COOKIE);
            if (cookie != null && !cookie.getValue().isBlank()) {
                context.request().headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + cookie.getValue());
            }
        }
        return super.authenticate(context, identities);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (wantsPage(context)) {
            String next = context.request().uri();
            return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.SEE_OTHER.code(), HttpHeaderNames.LOCATION,
                    SIGN_IN_PATH + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        }
        return super.getChallenge(context);
    }

    /** A browser navigating to a page: a GET that accepts HTML and is not one of htmx's own requests. */
    private static boolean wantsPage(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaderNames.ACCEPT);
        return context.request().method().name().equals(HttpMethod.GET.name()) && accept != null
                && accept.contains("text/html") && context.request().getHeader("HX-Request") == null;
    }
}
