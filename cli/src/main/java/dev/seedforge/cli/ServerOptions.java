package dev.seedforge.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import dev.seedforge.cli.client.Clients;
import dev.seedforge.cli.client.GeneratorApi;

import picocli.CommandLine.Option;

/**
 * What the commands that talk to a running server share: where it is, and how its answers become exit codes (0 done,
 * 1 refused or not found, 3 unreachable). {@code SEEDFORGE_API_TOKEN} is sent when set.
 */
abstract class ServerOptions implements Callable<Integer> {

    static final int EXIT_REFUSED = 1;
    static final int EXIT_UNREACHABLE = 3;

    @Option(names = "--server", description = "the generator's URL (default: SEEDFORGE_SERVER, the server `seedforge up`"
            + " runs from --data-dir, or http://localhost:8081)")
    URI server;

    @Option(names = "--data-dir", defaultValue = ".seedforge", description = "where `seedforge up` keeps its data"
            + " (default: ${DEFAULT-VALUE})")
    Path dataDir;

    /** The call on the generator's API. */
    abstract int call(GeneratorApi generator);

    @Override
    public Integer call() {
        URI base = ServerAddress.generator(server, dataDir);
        try {
            return call(Clients.generator(base));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String body = e.getResponse().hasEntity() ? e.getResponse().readEntity(String.class) : "";
            System.err.println("error: " + (status == 404 ? "no such job"
                    : status == 401 ? "the server wants an API token (set SEEDFORGE_API_TOKEN)"
                            : status == 403 ? "this job belongs to another tenant" : "HTTP " + status)
                    + (body.isBlank() ? "" : ": " + body));
            return EXIT_REFUSED;
        } catch (ProcessingException e) {
            System.err.println("error: cannot reach SeedForge at " + base + " (" + e.getMessage()
                    + "); start one with `seedforge up` or name it with --server");
            return EXIT_UNREACHABLE;
        }
    }
}
