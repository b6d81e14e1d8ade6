package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HangEvidenceTest {

    private static final String DUMP = """
            2026-12-07 15:01:02
            Full thread dump OpenJDK 64-Bit Server VM (25+36-LTS mixed mode, sharing):

            "vert.x-eventloop-thread-0" #30 [2001] prio=5 os_prio=0 cpu=120.00ms elapsed=600.00s tid=0x1 nid=2001 runnable  [0x1]
               java.lang.Thread.State: RUNNABLE
            \tat sun.nio.ch.EPoll.wait(java.base@25/Native Method)
            \tat io.netty.channel.epoll.Native.epollWait(Native.java:1)

            "validator-workers-3" #61 [2050] prio=5 os_prio=0 cpu=80.00ms elapsed=590.00s tid=0x2 nid=2050 waiting on condition  [0x2]
               java.lang.Thread.State: WAITING (parking)
            \tat jdk.internal.misc.Unsafe.park(java.base@25/Native Method)
            \t- parking to wait for  <0x3> (a java.util.concurrent.CompletableFuture$Signaller)
            \tat java.util.concurrent.locks.LockSupport.park(java.base@25/LockSupport.java:1)
            \tat java.util.concurrent.CompletableFuture$Signaller.block(java.base@25/CompletableFuture.java:1)
            \tat java.util.concurrent.ForkJoinPool.unmanagedBlock(java.base@25/ForkJoinPool.java:1)
            \tat java.util.concurrent.ForkJoinPool.managedBlock(java.base@25/ForkJoinPool.java:1)
            \tat java.util.concurrent.CompletableFuture.waitingGet(java.base@25/CompletableFuture.java:1)
            \tat io.smallrye.mutiny.operators.uni.UniBlockingAwait.await(UniBlockingAwait.java:1)
            \tat dev.seedforge.validator.messaging.CandidateProcessor.validate(CandidateProcessor.java:125)
            \tat dev.seedforge.validator.messaging.CandidateProcessor_Subclass.validate(Unknown Source)

            "Reference Handler" #9 [1990] daemon prio=10 os_prio=0 cpu=0.10ms elapsed=600.00s tid=0x4 nid=1990 waiting on condition  [0x4]
               java.lang.Thread.State: RUNNABLE
            \tat java.lang.ref.Reference.waitForReferencePendingList(java.base@25/Native Method)

            JNI global refs: 20, weak refs: 0
            """;

    @Test
    void onlyThreadsInSeedforgeCodeAreKeptWithTheirFirstSeedforgeFrame() {
        String threads = HangEvidence.seedforgeThreads(DUMP);

        assertTrue(threads.startsWith("\"validator-workers-3\"\n"), threads);
        assertTrue(threads.contains("java.lang.Thread.State: WAITING (parking)"), threads);
        assertTrue(threads.contains("    ...\n    at dev.seedforge.validator.messaging.CandidateProcessor.validate"
                + "(CandidateProcessor.java:125)\n"), threads);
        assertFalse(threads.contains("eventloop"), threads);
        assertFalse(threads.contains("Reference Handler"), threads);
        assertFalse(threads.contains("CandidateProcessor_Subclass"), "nothing after the first SeedForge frame");
        assertEquals("(none)\n", HangEvidence.seedforgeThreads("\"main\" #1\n   java.lang.Thread.State: RUNNABLE\n"));
    }

    @Test
    void aLiveJvmIsDumpedAndItsThreadInSeedforgeCodeFound(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("dev/seedforge/stuck")).resolve("Stuck.java");
        Files.writeString(source, """
                package dev.seedforge.stuck;

                public class Stuck {
                    public static void main(String[] args) throws Exception {
                        System.out.println("ready");
                        Thread.sleep(120_000);
                    }
                }
                """);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("stuck.log"), "started\nwaiting for good\n");
        Process stuck = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), source.toString())
                .redirectErrorStream(true).start();
        try {
            assertEquals("ready", new java.io.BufferedReader(new java.io.InputStreamReader(stuck.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            HangEvidence evidence = HangEvidence.of(stuck, logs);
            String digest = evidence.digest("the command's output");

            assertTrue(digest.contains("\"main\"\n"), digest);
            assertTrue(digest.contains("at dev.seedforge.stuck.Stuck.main(Stuck.java:6)"), digest);
            assertTrue(digest.matches("(?s).*\\(pid " + stuck.pid() + "\\): \\d+ CPU s, rss \\d+ kB, .*total.*"),
                    digest);
            assertTrue(digest.contains("----- the end of stuck.log\nstarted\nwaiting for good\n"), digest);
            assertTrue(evidence.full().contains("\"Reference Handler\""), "the whole dump");
        } finally {
            stuck.destroyForcibly();
        }
    }

    @Test
    void aServiceIsNamedByItsModule() {
        assertEquals("validator-service", HangEvidence.nameOf(
                "/usr/bin/java -Xmx1g -jar /x/main/validator-service/target/quarkus-app/quarkus-run.jar"));
        assertEquals("/usr/bin/java -cp a.jar Main", HangEvidence.nameOf("/usr/bin/java -cp a.jar Main"));
    }

    @Test
    void theDigestEndsWithTheThreadsAndStaysWithinWhatCiKeeps() {
        HangEvidence evidence = new HangEvidence(List.of(new HangEvidence.Jvm(2000, "validator-service", DUMP,
                "41 CPU s, rss 612345 kB, def new generation   total 39296K, used 1203K")),
                Map.of("validator-service.log", List.of("a line".repeat(10_000), "the last line")));
        String digest = evidence.digest("progress\n".repeat(5_000) + "task-api  GENERATING accepted 12/60");

        assertTrue(digest.length() <= HangEvidence.DIGEST_CHARS + 3, "length " + digest.length());
        assertTrue(digest.contains("task-api  GENERATING accepted 12/60"), digest);
        assertTrue(digest.contains("the last line"), digest);
        assertTrue(digest.contains("validator-service (pid 2000): 41 CPU s, rss 612345 kB"), digest);
        assertTrue(digest.strip().endsWith("(CandidateProcessor.java:125)"), digest);
        assertTrue(evidence.full().contains("Reference Handler"), "the whole dump is kept for the printed copy");
        String unanswered = new HangEvidence(List.of(new HangEvidence.Jvm(2001, "dedup-service",
                "(jcmd did not answer in 30 s)\n", "CPU ?")), Map.of()).digest("");
        assertTrue(unanswered.endsWith("of dedup-service (pid 2001)\n(jcmd did not answer in 30 s)\n"), unanswered);
    }
}
