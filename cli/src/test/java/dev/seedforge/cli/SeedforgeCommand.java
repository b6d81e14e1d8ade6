package dev.seedforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged {@code seedforge} command as a user runs it: a separate process, no provider key, output captured. */
final class SeedforgeCommand {

    static final Path HOME = Path.of(System.getProperty("seedforge.home", "..")).toAbsolutePath().normalize();

    record Run(int exitCode, String output) {
    }

    private SeedforgeCommand() {
    }

    static Run run(Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Dseedforge.home=" + HOME, "-jar",
                HOME.resolve("cli/target/quarkus-app/quarkus-run.jar").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "seedforge", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("OPENAI_API_KEY");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("seedforge did not finish in 10 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }
}
