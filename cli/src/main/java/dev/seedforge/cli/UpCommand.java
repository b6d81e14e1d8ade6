package dev.seedforge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.seedforge.cli.launch.LocalPipeline;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true, description = "Runs SeedForge as a local server: the local stack, the teacher"
        + " simulator (unless OPENAI_API_KEY is set), the four services and the console, until Ctrl-C or SIGTERM."
        + " Prints the console's address.")
public class UpCommand implements Callable<Integer> {

    /** The services' usual ports (as in docker-compose.yml), taken when free so addresses stay put between runs. */
    static final Map<String, Integer> USUAL_PORTS = Map.of("generator-service", 8081, "validator-service", 8082,
            "dedup-service", 8083, "exporter-service", 8084, "console-service", 8085, "teacher-simulator", 8090);

    @Option(names = "--data-dir", defaultValue = ".seedforge", description = "the local stack's data and the"
            + " services' logs (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--out", defaultValue = "out", description = "where datasets go, one directory per job"
            + " (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--simulator", description = "use the teacher simulator even when OPENAI_API_KEY is set")
    boolean forceSimulator;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        LocalPipeline.Teacher teacher = Teachers.choose(forceSimulator, System.out);
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(dataDir, out, teacher, USUAL_PORTS, System.out);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopAll = new Thread(() -> {
            System.out.println("Stopping SeedForge");
            pipeline.close();
            ServerAddress.forget(dataDir);
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(stopAll);
        ServerAddress.remember(dataDir, pipeline.generator(), pipeline.exporter(), pipeline.console());
        System.out.println();
        System.out.println("SeedForge is up. Console: " + pipeline.console());
        System.out.println("  generator API " + pipeline.generator() + "/jobs, exporter API " + pipeline.exporter()
                + "/datasets; `seedforge jobs` lists the jobs. Ctrl-C stops everything.");
        // a process that exits (a crash, the system's out-of-memory killer) stops the rest, loudly: a half pipeline
        // would take jobs and never finish them
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            Optional<String> exited = pipeline.exitedProcess();
            if (exited.isPresent()) {
                System.err.println("error: " + exited.get());
                return 1;
            }
        }
        return 0;
    }

}
