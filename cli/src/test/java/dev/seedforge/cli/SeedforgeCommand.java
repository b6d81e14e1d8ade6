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

    /** The command started, its output going to {@code log}; the caller waits for it or stops it. */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Dseedforge.home=" + HOME, "-jar",
                HOME.resolve("cli/target/quarkus-app/quarkus-run.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("OPENAI_API_KEY");
        return builder.start();
    }

    static Run run(Path work, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "seedforge", ".log");
        Process process = start(log, args);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            HangEvidence evidence = HangEvidence.of(process, logsDirectory(args));
            System.out.println(Files.readString(log));
            System.out.println(evidence.full());
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            // the digest last: CI keeps only the end of what a failed build printed
            throw new AssertionError("seedforge did not finish in 10 minutes (the thread dumps and whole logs are "
                    + "printed above)\n" + evidence.digest(Files.readString(log)));
        }
        String output = Files.readString(log);
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    private static Path logsDirectory(String... args) {
        List<String> list = List.of(args);
        int dataDir = list.indexOf("--data-dir");
        return dataDir >= 0 && dataDir + 1 < list.size() ? Path.of(list.get(dataDir + 1), "logs") : null;
    }
}
