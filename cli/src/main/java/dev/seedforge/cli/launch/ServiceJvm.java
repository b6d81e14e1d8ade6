package dev.seedforge.cli.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.seedforge.cli.SeedforgeHome;

/**
 * The JVM options of the processes SeedForge starts on one machine: the services and the local stack of
 * {@code seedforge run} and {@code seedforge stack}, and the same processes in the tests and benchmarks, so that those
 * measure the services as a user's machine runs them. Container images keep the JVM's defaults (deploy/README.md).
 */
public final class ServiceJvm {

    /**
     * C1 only. Outside dedup the services' Java code is glue (HTTP, Kafka, SQL, JSON) of a few milliseconds per
     * candidate: on two cores C2's compiling of it costs more CPU than its faster code saves through a process's first
     * thousands of candidates, about as much through its first 25,000 (bench/README.md, runs 73 to 78), and
     * {@code seedforge run} starts the services for each run.
     */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    /**
     * The code cache a tiered JVM reserves (reserved address space, committed as code is compiled). With C1 only the
     * JVM reserves 48 MB, and a service's C1 code, still growing through its first jobs, then crosses the cache's
     * unloading threshold every few MB: each crossing is a full collection (0.4 to 0.8 s of the serial collector's
     * pause in the generator, validator and exporter, bench/README.md, run 129).
     */
    static final String CODE_CACHE = "-XX:ReservedCodeCacheSize=240m";

    /**
     * The metaspace size at which the first class-metadata collection runs. The JVM's 21 MB is a fraction of what a
     * Quarkus service loads, so each service ran three or four full collections while it booted and took its first
     * job (Metadata GC Threshold, 0.1 to 0.37 s each); past 128 MB none do.
     */
    static final String METASPACE = "-XX:MetaspaceSize=128m";

    /** Dedup keeps C2: its graph search and the embedding's tokenizer are hot loops that C2's code runs faster. */
    private static final String DEDUP = "dedup-service";

    /** The JDK's Vector API, which dedup's graph search uses for its dot products when the JVM has it. */
    static final String VECTOR_API = "--add-modules=jdk.incubator.vector";

    private ServiceJvm() {
    }

    /**
     * The command that starts a service's packaged app on {@code port}, {@code heap} its {@code -Xmx} and
     * {@code properties} its {@code -D} options.
     */
    public static List<String> service(String java, String module, String heap, int port, List<String> properties) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options(module, heap));
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(properties);
        command.addAll(List.of("-jar", SeedforgeHome.quarkusApp(module).toString()));
        return command;
    }

    /**
     * Where a JVM that crashes writes its report: beside the process's log, rather than in the working directory,
     * where nobody looks and a test's temporary directory takes it away.
     */
    public static String crashReportIn(Path logs, String name) {
        return "-XX:ErrorFile=" + crashReport(logs, name, "%p");
    }

    /** The crash report of process {@code pid} (or the JVM's {@code %p}) named {@code name}, its log in {@code logs}. */
    static Path crashReport(Path logs, String name, String pid) {
        return logs.toAbsolutePath().resolve("hs_err_" + name + "_pid" + pid + ".log");
    }

    /** The JVM options of a service, {@code heap} its {@code -Xmx}. */
    static List<String> options(String module, String heap) {
        List<String> options = new ArrayList<>(
                List.of(heap, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", CODE_CACHE, METASPACE));
        if (module.equals(DEDUP)) {
            options.add(VECTOR_API);
        } else {
            options.add(C1_ONLY);
        }
        return options;
    }

    /**
     * The command that starts the local stack (its JVM runs the Kafka broker; PostgreSQL is a process of its own) on
     * {@code dataDir}; its ports are the caller's to add.
     */
    public static List<String> localStack(String java, Path dataDir) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(localStackOptions());
        command.addAll(List.of("-cp", SeedforgeHome.localStackClasspath(), SeedforgeHome.LOCAL_STACK_MAIN, "--data-dir",
                dataDir.toAbsolutePath().toString()));
        return command;
    }

    static List<String> localStackOptions() {
        return List.of("-Xmx512m", C1_ONLY, CODE_CACHE, METASPACE);
    }
}
