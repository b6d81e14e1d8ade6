package dev.seedforge.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The options a service's JVM gets are ones this JDK starts with, and they choose the compilers as intended. */
class ServiceJvmTest {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @Test
    void glueServicesRunC1OnlyAndDedupKeepsC2() throws Exception {
        for (String module : List.of("generator-service", "validator-service", "exporter-service", "console-service",
                "teacher-simulator")) {
            assertEquals(1, tieredStopAtLevel(ServiceJvm.options(module, "-Xmx64m")), module);
        }
        assertEquals(4, tieredStopAtLevel(ServiceJvm.options("dedup-service", "-Xmx64m")), "dedup-service");
    }

    @Test
    void dedupGetsTheVectorApiWhichThisJdkHas() throws Exception {
        List<String> dedup = ServiceJvm.options("dedup-service", "-Xmx64m");
        assertTrue(dedup.contains(ServiceJvm.VECTOR_API), dedup.toString());
        // a JDK without the module refuses to start with it: tieredStopAtLevel checks the start
        assertEquals(4, tieredStopAtLevel(dedup));
        assertFalse(ServiceJvm.options("generator-service", "-Xmx64m").contains(ServiceJvm.VECTOR_API));
    }

    @Test
    void theLocalStackRunsC1Only() throws Exception {
        assertEquals(1, tieredStopAtLevel(ServiceJvm.localStackOptions()));
    }

    /**
     * C1 alone would reserve 48 MB of code cache, whose unloading threshold then runs a full collection every few MB of
     * new code; and no JVM should collect fully for its class metadata while it boots.
     */
    @Test
    void everyJvmHasATieredCodeCacheAndRoomForItsClassMetadata() throws Exception {
        List<List<String>> jvms = new ArrayList<>();
        for (String module : List.of("generator-service", "validator-service", "dedup-service", "exporter-service",
                "console-service", "teacher-simulator")) {
            jvms.add(ServiceJvm.options(module, "-Xmx64m"));
        }
        jvms.add(ServiceJvm.localStackOptions());
        for (List<String> options : jvms) {
            String flags = flags(options);
            assertTrue(flag(flags, "ReservedCodeCacheSize") >= 240L * 1024 * 1024, options.toString());
            assertTrue(flag(flags, "MetaspaceSize") >= 128L * 1024 * 1024, options.toString());
        }
    }

    /**
     * bench/pipeline starts its own JVM, which holds the local stack's broker, from a shell script that cannot call
     * {@link ServiceJvm#localStackOptions()}: its command line carries each of those options but the heap (that JVM
     * holds the benchmark too).
     */
    @Test
    void benchPipelinesOwnJvmRunsTheBrokerWithTheLocalStacksOptions() throws IOException {
        // the repository: seedforge.home where the build sets it, else the module's parent
        Path script = Path.of(System.getProperty("seedforge.home", "..")).resolve("bench/pipeline");
        String command = pipelineBenchmarkCommand(Files.readString(script));
        for (String option : ServiceJvm.localStackOptions()) {
            if (!option.startsWith("-Xmx")) {
                assertTrue(List.of(command.split("\\s+")).contains(option),
                        script + " starts PipelineBenchmark without " + option + ": " + command);
            }
        }
    }

    /** The script's {@code java} command that runs PipelineBenchmark, its continued lines joined. */
    private static String pipelineBenchmarkCommand(String script) {
        String joined = script.replace("\\\n", " ");
        return joined.lines().filter(line -> line.trim().startsWith("java ") && line.contains("PipelineBenchmark"))
                .findFirst().orElseThrow(() -> new AssertionError("no java command runs PipelineBenchmark"));
    }

    /** Starts this JDK with {@code options} and answers the compilation tier it stops at. */
    private static int tieredStopAtLevel(List<String> options) throws IOException, InterruptedException {
        return (int) flag(flags(options), "TieredStopAtLevel");
    }

    private static long flag(String flags, String name) {
        Matcher matcher = Pattern.compile("\\b" + name + "\\s*=\\s*(\\d+)").matcher(flags);
        assertTrue(matcher.find(), name + " in " + flags);
        return Long.parseLong(matcher.group(1));
    }

    /** Starts this JDK with {@code options} and answers its final flags. */
    private static String flags(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(options);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "the JVM starts with " + options + ": " + output);
        return output;
    }
}
