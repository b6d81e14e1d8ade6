package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerAddressTest {

    @Test
    void aRunningLocalServerIsFoundThroughItsDataDirAndForgottenWhenItStops(@TempDir Path data) throws Exception {
        ServerAddress.remember(data, URI.create("http://127.0.0.1:18081"), URI.create("http://127.0.0.1:18084"),
                URI.create("http://localhost:18085/"));

        assertEquals(URI.create("http://127.0.0.1:18081"), ServerAddress.generator(null, data));
        assertEquals(URI.create("http://localhost:18085/"), ServerAddress.local(data, "console").orElseThrow());

        ServerAddress.forget(data);
        assertTrue(ServerAddress.local(data, "generator").isEmpty());
    }

    @Test
    void theOptionWinsOverTheLocalServer(@TempDir Path data) throws Exception {
        ServerAddress.remember(data, URI.create("http://127.0.0.1:18081"), URI.create("http://127.0.0.1:18084"),
                URI.create("http://localhost:18085/"));

        assertEquals(URI.create("https://seedforge.example.com"),
                ServerAddress.generator(URI.create("https://seedforge.example.com"), data));
    }

    @Test
    void withoutAnyAddressTheUsualLocalPortIsTried(@TempDir Path data) {
        // SEEDFORGE_SERVER is not set in the build's environment
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("SEEDFORGE_SERVER") == null);
        assertEquals(URI.create("http://localhost:8081"), ServerAddress.generator(null, data));
    }
}
