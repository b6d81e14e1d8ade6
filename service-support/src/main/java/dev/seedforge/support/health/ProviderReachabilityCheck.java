package dev.seedforge.support.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import dev.seedforge.support.secrets.Secrets;

/**
 * Whether an OpenAI-compatible provider answers: a {@code GET <base-url>/models} with the key and a short timeout, at
 * most once per {@code minInterval} (probes come every few seconds; the provider need not see each).
 * <p>
 * A readiness check, never a liveness one: restarting the service cannot bring a provider back. And a tolerant one:
 * it stays UP (with {@code reachable: false} and the error in its data) until the provider has been away for
 * {@code downAfter}, because retries and the circuit breaker ride out 429 storms and blips, jobs then pause rather
 * than fail, and a brief outage must not pull every replica out of service at once. Only a long outage (or a key the
 * provider refuses) reports DOWN, which stops a rollout of replicas that could not work. {@code downAfter} of zero
 * reports without ever going DOWN.
 */
public abstract class ProviderReachabilityCheck implements HealthCheck {

    private final String name;
    private final URI models;
    private final String apiKey;
    private final ProviderCheckConfig config;
    private final HttpClient http;
    private final Clock clock;

    private Instant lastProbe;
    private Instant awaySince;
    private String lastError;
    private int lastStatus;

    protected ProviderReachabilityCheck(String name, String baseUrl, String apiKey, ProviderCheckConfig config) {
        this(name, baseUrl, apiKey, config, Clock.systemUTC());
    }

    ProviderReachabilityCheck(String name, String baseUrl, String apiKey, ProviderCheckConfig config, Clock clock) {
        this.name = name;
        this.models = URI.create(baseUrl.endsWith("/") ? baseUrl + "models" : baseUrl + "/models");
        this.apiKey = apiKey;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public synchronized HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).withData("provider", shown(models));
        if (!config.enabled()) {
            return response.up().withData("checked", false).build();
        }
        Instant now = clock.instant();
        if (lastProbe == null || Duration.between(lastProbe, now).compareTo(config.minInterval()) >= 0) {
            probe(now);
        }
        response.withData("reachable", awaySince == null);
        if (lastStatus != 0) {
            response.withData("status", lastStatus);
        }
        if (awaySince == null) {
            return response.up().build();
        }
        Duration away = Duration.between(awaySince, now);
        response.withData("error", lastError).withData("awaySeconds", away.toSeconds());
        boolean down = !config.downAfter().isZero() && away.compareTo(config.downAfter()) >= 0;
        return response.status(!down).build();
    }

    private void probe(Instant now) {
        lastProbe = now;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(models).timeout(config.timeout()).GET();
            if (apiKey != null && !apiKey.isBlank()) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            lastStatus = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (lastStatus >= 200 && lastStatus < 300) {
                awaySince = null;
                lastError = null;
                return;
            }
            lastError = lastStatus == 401 || lastStatus == 403 ? "the provider refused the API key"
                    : "HTTP " + lastStatus;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError = "interrupted";
            lastStatus = 0;
        } catch (Exception e) {
            lastStatus = 0;
            lastError = Secrets.redact(e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage()));
        }
        if (awaySince == null) {
            awaySince = now;
        }
    }

    /** The URL without any user info, which could hold credentials. */
    private static String shown(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }
}
