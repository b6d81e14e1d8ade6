package dev.seedforge.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @Test
    void aProcessThatExitsSaysWithWhatCodeAndShowsTheEndOfItsLog(@TempDir Path dir) throws Exception {
        ManagedProcess crasher = ManagedProcess.start("crasher", List.of("sh", "-c", "echo its last words; exit 3"),
                Map.of(), dir.resolve("crasher.log"));

        String exit = awaitExit(crasher);
        assertTrue(exit.startsWith("crasher exited with code 3; see " + dir.resolve("crasher.log")), exit);
        assertTrue(exit.endsWith("its last words"), exit);
    }

    @Test
    void aKilledProcessIsToldFromACrash(@TempDir Path dir) throws Exception {
        ManagedProcess sleeper = ManagedProcess.start("sleeper", List.of("sleep", "60"), Map.of(),
                dir.resolve("sleeper.log"));
        assertEquals(Optional.empty(), sleeper.exit(), "running");

        ProcessHandle.of(sleeper.pid()).orElseThrow().destroyForcibly();

        String exit = awaitExit(sleeper);
        assertTrue(exit.startsWith("sleeper exited with code 137 (killed by SIGKILL"), exit);
        assertTrue(ManagedProcess.meaning(134).contains("hs_err_pid"), "a JVM's crash names its report");
        assertEquals("", ManagedProcess.meaning(1));
    }

    @Test
    void aCrashedJvmsReportBesideItsLogIsSummed(@TempDir Path dir) throws Exception {
        // what a JVM started with ServiceJvm.crashReportIn(dir, "crasher") writes before it aborts
        String report = ServiceJvm.crashReport(dir, "crasher", "$$").toString();
        ManagedProcess crasher = ManagedProcess.start("crasher", List.of("sh", "-c", "printf '#\\n# A fatal error"
                + " has been detected by the Java Runtime Environment:\\n# Problematic frame:\\n# C  [libonnxruntime.so"
                + "+0x1f2e3]\\n\\n---------------  T H R E A D  ---------------\\n' > " + report + "; exit 134"), Map.of(),
                dir.resolve("crasher.log"));

        String exit = awaitExit(crasher);
        assertTrue(exit.startsWith("crasher exited with code 134 (aborted"), exit);
        assertTrue(exit.contains("its crash report, " + ServiceJvm.crashReport(dir, "crasher",
                Long.toString(crasher.pid())) + ":\n#\n# A fatal error"), exit);
        assertTrue(exit.endsWith("# C  [libonnxruntime.so+0x1f2e3]"), "the summary, not the threads: " + exit);
        assertTrue(ServiceJvm.crashReportIn(dir, "crasher").endsWith("hs_err_crasher_pid%p.log"));
    }

    private static String awaitExit(ManagedProcess process) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<String> exit = process.exit();
            if (exit.isPresent()) {
                return exit.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(process.name() + " still runs");
    }
}
