package dev.seedforge.console.api;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** WireMock in place of the generator and the exporter of a console under test, plus what {@link #config} adds. */
public class GeneratorWireMock implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Map<String, String> config = new HashMap<>(Map.of("quarkus.rest-client.generator.url", server.baseUrl(),
                "quarkus.rest-client.exporter.url", server.baseUrl()));
        config.putAll(config());
        return config;
    }

    /** The console's own configuration for the test; none here. */
    protected Map<String, String> config() {
        return Map.of();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
