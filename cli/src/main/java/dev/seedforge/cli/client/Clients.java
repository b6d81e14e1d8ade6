package dev.seedforge.cli.client;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** REST clients built for addresses known only at run time (the services' ports are chosen when they start). */
public final class Clients {

    private Clients() {
    }

    public static GeneratorApi generator(URI base) {
        return build(base, GeneratorApi.class);
    }

    public static ExporterApi exporter(URI base) {
        return build(base, ExporterApi.class);
    }

    private static <T> T build(URI base, Class<T> api) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS);
        ApiToken.fromEnvironment(System.getenv()).ifPresent(builder::register);
        return builder.build(api);
    }
}
