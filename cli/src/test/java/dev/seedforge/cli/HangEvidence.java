package dev.seedforge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a hung {@code seedforge run} leaves to diagnose it once the test's temporary directory is gone: a thread dump of
 * the command's JVM and of every JVM it started (the services, the simulator, the stack) and each service's log. CI
 * keeps only the last few kilobytes of a failed build, so {@link #digest} condenses it: the command's last lines, the
 * end of each log and, last, every thread that is in SeedForge's code.
 */
final class HangEvidence {

    /** About what CI keeps of a failed build's end, less Maven's own summary. */
    static final int DIGEST_CHARS = 9_000;
    private static final Pattern JAR = Pattern.compile("([\\w.-]+)/target/quarkus-app/quarkus-run\\.jar");
    private static final int FRAMES_SHOWN = 6;

    /** A JVM as found: its name, its threads, and what it used (CPU, memory, heap) to tell a stuck one from a busy one. */
    record Jvm(long pid, String name, String threads, String usage) {
    }

    private final List<Jvm> jvms;
    private final Map<String, List<String>> logs;

    HangEvidence(List<Jvm> jvms, Map<String, List<String>> logs) {
        this.jvms = jvms;
        this.logs = logs;
    }

    /** The dumps of the process and its descendants, and the logs under {@code logs} (null: none). */
    static HangEvidence of(Process process, Path logs) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<Jvm> jvms = new ArrayList<>();
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).filter(ProcessHandle::isAlive)
                .forEach(jvm -> jvms.add(new Jvm(jvm.pid(), nameOf(jvm.info().commandLine().orElse("?")),
                        jcmd(jcmd, jvm, "Thread.print"), usageOf(jcmd, jvm))));
        Map<String, List<String>> lines = new LinkedHashMap<>();
        if (logs != null && Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.sorted().toList()) {
                    lines.put(file.getFileName().toString(),
                            new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList());
                }
            } catch (IOException e) {
                lines.put("(no service logs)", List.of(String.valueOf(e.getMessage())));
            }
        }
        return new HangEvidence(jvms, lines);
    }

    /** Its CPU time, its resident memory and its heap's generations as {@code GC.heap_info} gives them. */
    private static String usageOf(Path jcmd, ProcessHandle jvm) {
        String cpu = jvm.info().totalCpuDuration().map(d -> d.toSeconds() + " CPU s").orElse("CPU ?");
        String rss = "rss ?";
        try {
            rss = Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> "rss " + line.substring(6).strip())
                    .findFirst().orElse(rss);
        } catch (IOException e) {
            // not Linux, or gone meanwhile
        }
        String heap = jcmd(jcmd, jvm, "GC.heap_info").lines().filter(line -> line.contains("total"))
                .map(String::strip).reduce((a, b) -> a + "; " + b).orElse("heap ?");
        return cpu + ", " + rss + ", " + heap;
    }

    /** A jcmd's output, through a file and given up after 30 s: a JVM too stuck to answer must not hang the test. */
    private static String jcmd(Path jcmd, ProcessHandle jvm, String command) {
        try {
            Path out = Files.createTempFile("seedforge-jcmd", ".txt");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), command)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            String timedOut = "";
            if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                timedOut = "(jcmd did not answer in 30 s)\n";
            }
            String threads = timedOut + new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return threads;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** The module of a packaged service's jar, or the start of the command line. */
    static String nameOf(String commandLine) {
        Matcher jar = JAR.matcher(commandLine);
        String name = null;
        while (jar.find()) {
            name = jar.group(1);
        }
        return name != null ? name : commandLine.substring(0, Math.min(commandLine.length(), 120));
    }

    /** Everything: each JVM's whole dump and each log whole. */
    String full() {
        StringBuilder full = new StringBuilder();
        jvms.forEach(jvm -> full.append("\n===== threads of pid ").append(jvm.pid()).append(": ").append(jvm.name())
                .append(" (").append(jvm.usage()).append(")\n").append(jvm.threads()));
        logs.forEach((file, lines) -> {
            full.append("\n===== ").append(file).append('\n');
            lines.forEach(line -> full.append(line).append('\n'));
        });
        return full.toString();
    }

    /**
     * At most {@link #DIGEST_CHARS}, its end the most telling: the command's last lines (where each job's counts
     * stopped), each log's last lines, then each JVM's threads that are in SeedForge's code.
     */
    String digest(String commandOutput) {
        StringBuilder digest = new StringBuilder();
        digest.append("\n----- the command's last lines\n").append(tail(commandOutput.lines().toList(), 12, 200));
        logs.forEach((file, lines) -> digest.append("\n----- the end of ").append(file).append('\n')
                .append(tail(lines, 4, 180)));
        digest.append("\n----- the JVMs alive\n");
        jvms.forEach(jvm -> digest.append(jvm.name()).append(" (pid ").append(jvm.pid()).append("): ")
                .append(jvm.usage(), 0, Math.min(jvm.usage().length(), 300)).append('\n'));
        for (Jvm jvm : jvms) {
            digest.append("\n----- threads in SeedForge code of ").append(jvm.name()).append(" (pid ")
                    .append(jvm.pid()).append(")\n").append(jvm.threads().contains("Full thread dump")
                            ? seedforgeThreads(jvm.threads())
                            : tail(jvm.threads().lines().toList(), 3, 200));
        }
        return digest.length() <= DIGEST_CHARS ? digest.toString()
                : "..." + digest.substring(digest.length() - DIGEST_CHARS);
    }

    /**
     * The threads of a {@code jcmd Thread.print} dump with a frame in {@code dev.seedforge}: each its name, its state,
     * its top frames and its first SeedForge frame.
     */
    static String seedforgeThreads(String dump) {
        StringBuilder found = new StringBuilder();
        for (String block : dump.split("\\R\\s*\\R")) {
            List<String> lines = block.strip().lines().toList();
            if (lines.isEmpty() || !lines.get(0).startsWith("\"") || !block.contains("dev.seedforge.")) {
                continue;
            }
            String header = lines.get(0);
            found.append(header, 0, header.indexOf('"', 1) + 1).append('\n');
            int shown = 0;
            boolean ours = false;
            for (String line : lines.subList(1, lines.size())) {
                boolean frame = line.strip().startsWith("at ");
                boolean seedforge = frame && line.contains("dev.seedforge.");
                if (shown < FRAMES_SHOWN || (seedforge && !ours)) {
                    if (shown == FRAMES_SHOWN) {
                        found.append("    ...\n");
                    }
                    found.append("    ").append(line.strip()).append('\n');
                    shown++;
                }
                ours |= seedforge;
                if (ours && shown >= FRAMES_SHOWN) {
                    break;
                }
            }
        }
        return found.isEmpty() ? "(none)\n" : found.toString();
    }

    private static String tail(List<String> lines, int count, int width) {
        StringBuilder tail = new StringBuilder();
        lines.subList(Math.max(0, lines.size() - count), lines.size())
                .forEach(line -> tail.append(line, 0, Math.min(line.length(), width)).append('\n'));
        return tail.toString();
    }
}
