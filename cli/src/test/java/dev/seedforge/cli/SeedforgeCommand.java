package dev.seedforge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
            String evidence = hangEvidence(process, args);
            System.out.println(evidence);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("seedforge did not finish in 10 minutes:\n" + Files.readString(log) + evidence);
        }
        String output = Files.readString(log);
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    /**
     * What a hang leaves to diagnose it once the test's temporary directory is gone: a thread dump of the command's JVM
     * and of every JVM it started (the services, the simulator, the stack) and the end of each service's log.
     */
    private static String hangEvidence(Process process, String... args) {
        StringBuilder evidence = new StringBuilder();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).filter(ProcessHandle::isAlive)
                .forEach(jvm -> {
                    String what = jvm.info().commandLine().orElse("?");
                    evidence.append("\n===== threads of pid ").append(jvm.pid()).append(": ")
                            .append(what, 0, Math.min(what.length(), 300)).append('\n');
                    try {
                        // to a file, and given up after 30 s: a JVM too stuck to answer must not hang the test itself
                        Path out = Files.createTempFile("seedforge-threads", ".txt");
                        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), "Thread.print")
                                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                        if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                            dump.destroyForcibly();
                            evidence.append("(jcmd did not answer in 30 s)\n");
                        }
                        evidence.append(new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
                        Files.deleteIfExists(out);
                    } catch (IOException e) {
                        evidence.append("(no thread dump: ").append(e.getMessage()).append(")\n");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        List<String> list = List.of(args);
        int dataDir = list.indexOf("--data-dir");
        if (dataDir >= 0 && dataDir + 1 < list.size()) {
            Path logs = Path.of(list.get(dataDir + 1), "logs");
            try (Stream<Path> files = Files.isDirectory(logs) ? Files.list(logs) : Stream.empty()) {
                for (Path file : files.sorted().toList()) {
                    List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
                    evidence.append("\n===== the last 60 lines of ").append(file).append('\n');
                    lines.subList(Math.max(0, lines.size() - 60), lines.size())
                            .forEach(line -> evidence.append(line).append('\n'));
                }
            } catch (IOException e) {
                evidence.append("(no service logs: ").append(e.getMessage()).append(")\n");
            }
        }
        return evidence.toString();
    }
}
