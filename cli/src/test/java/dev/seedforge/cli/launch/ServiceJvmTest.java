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

    /**
     * The benchmarks whose own JVM holds the broker run it with the local stack's logging: on their classpath SLF4J
     * logs to the JBoss LogManager, which java.util.logging (where the local stack sets the broker's levels) reaches
     * only as its log manager. Without it Kafka's request logger formatted every request and response as JSON, about
     * a tenth of that JVM's CPU in bench/pipeline's measured job.
     */
    @Test
    void benchJvmsThatHoldTheBrokerKeepItsRequestLoggerQuiet() throws Exception {
        Path home = Path.of(System.getProperty("seedforge.home", ".."));
        for (String[] bench : List.of(new String[] { "bench/pipeline", "PipelineBenchmark" },
                new String[] { "bench/scale", "java " })) {
            String command = javaCommand(Files.readString(home.resolve(bench[0])), bench[1]);
            List<String> probe = new ArrayList<>(List.of(JAVA));
            List.of(command.split("\\s+")).stream()
                    .filter(option -> option.startsWith("-Djava.util.logging")).forEach(probe::add);
            probe.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "dev.seedforge.localstack.BrokerLoggingProbe"));
            Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), output);
            assertTrue(output.contains("kafka.request.logger debug=false"), bench[0] + ": " + output);
        }
    }

    /** The script's {@code java} command that runs PipelineBenchmark, its continued lines joined. */
    private static String pipelineBenchmarkCommand(String script) {
        return javaCommand(script, "PipelineBenchmark");
    }

    /** The script's first {@code java} command whose line holds {@code marker}, its continued lines joined. */
    private static String javaCommand(String script, String marker) {
        String joined = script.replace("\\\n", " ");
        return joined.lines().map(String::trim).map(line -> line.startsWith("exec ") ? line.substring(5) : line)
                .filter(line -> line.startsWith("java ") && line.contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no java command with " + marker));
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
