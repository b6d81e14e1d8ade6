package dev.seedforge.console.api;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import dev.seedforge.console.security.SignInCookieMechanism;
import dev.seedforge.support.security.ApiAccess;

/**
 * Signing in with an API token, for browsers (which cannot send a bearer header): the token is checked against the
 * configured ones and kept in an HttpOnly, SameSite=Strict cookie for the browser's session; signing out drops it.
 * With no token configured the console is open and these pages send the person to the jobs.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPages {

    private final ApiAccess access;

    public SignInPages(ApiAccess access) {
        this.access = access;
    }

    @GET
    @Path("sign-in")
    public Response form(@RestQuery String next) {
        if (!access.enabled()) {
            return seeOther("/");
        }
        return Response.ok(Templates.signIn(safeNext(next), null)).build();
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm String token, @RestForm String next, @Context UriInfo uri,
            @HeaderParam("X-Forwarded-Proto") String forwardedProto, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @HeaderParam("X-Forwarded-Host") String forwardedHost) {
        String target = safeNext(next);
        if (!access.enabled()) {
            return seeOther(target);
        }
        if (!sameSite(origin, forwardedHost != null ? forwardedHost : host)) {
            // another site's page posting a token of its own would sign this browser in as someone else
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Templates.signIn(target, "Sign in from this console's own page.")).build();
        }
        if (token == null || token.isBlank() || access.callerOf(token).isEmpty()) {
            // the token typed is never shown back, nor logged
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Templates.signIn(target, "That token is not one this deployment accepts.")).build();
        }
        return Response.seeOther(URI.create(target)).cookie(cookie(token.strip(), uri, forwardedProto, -1)).build();
    }

    @GET
    @Path("sign-out")
    public Response signOut(@Context UriInfo uri, @HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        return Response.seeOther(URI.create(access.enabled() ? SignInCookieMechanism.SIGN_IN_PATH : "/"))
                .cookie(cookie("", uri, forwardedProto, 0)).build();
    }

    /** The sign-in cookie, Secure when the browser reached the console over HTTPS (directly or through a proxy). */
    private static NewCookie cookie(String value, UriInfo uri, String forwardedProto, int maxAge) {
        boolean secure = "https".equalsIgnoreCase(uri.getBaseUri().getScheme())
                || "https".equalsIgnoreCase(forwardedProto);
        return new NewCookie.Builder(SignInCookieMechanism.COOKIE).value(value).path("/").httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** A form posted from this console's own page: a browser's Origin, when it sends one, names this host. */
    static boolean sameSite(String origin, String host) {
        if (origin == null) {
            return true;
        }
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Where to go after signing in: a path of this console only, never another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith(SignInCookieMechanism.SIGN_IN_PATH)) {
            return "/";
        }
        return next;
    }

    private static Response seeOther(String target) {
        return Response.seeOther(URI.create(target)).build();
    }
}
