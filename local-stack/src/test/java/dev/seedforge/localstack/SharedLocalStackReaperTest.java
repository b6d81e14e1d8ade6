package dev.seedforge.localstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Directories of shared stacks whose JVM died are removed; those of live JVMs are left alone. */
class SharedLocalStackReaperTest {

    @Test
    void removesOnlyStacksWhoseJvmIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // a JVM killed under a parent that never reaps it lingers as a zombie; it counts as gone too
        // SIGCHLD back to its default first: an ignored SIGCHLD, inherited from a JVM in which some library set it,
        // makes the kernel reap the child at once and no zombie ever appears
        Process zombieParent = new ProcessBuilder("perl", "-e",
                "$SIG{CHLD} = 'DEFAULT'; exit 0 if fork() == 0; exec 'sleep', '120';").start();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path abandoned = Files.createTempDirectory(tmp, SharedLocalStack.DIR_PREFIX + "reaper-test-");
        Files.writeString(abandoned.resolve(SharedLocalStack.OWNER_PID_FILE), Long.toString(gone.pid()));
        Files.createDirectories(abandoned.resolve("postgres"));
        Files.writeString(abandoned.resolve("postgres/postmaster.pid"), gone.pid() + "\n/somewhere\n");
        long zombie = awaitZombieChild(zombieParent);
        Path abandonedByZombie = Files.createTempDirectory(tmp, SharedLocalStack.DIR_PREFIX + "reaper-test-");
        Files.writeString(abandonedByZombie.resolve(SharedLocalStack.OWNER_PID_FILE), Long.toString(zombie));
        Path alive = Files.createTempDirectory(tmp, SharedLocalStack.DIR_PREFIX + "reaper-test-");
        Files.writeString(alive.resolve(SharedLocalStack.OWNER_PID_FILE), Long.toString(ProcessHandle.current().pid()));
        try {
            SharedLocalStack.reapAbandonedStacks();
            assertFalse(Files.exists(abandoned), "the dead JVM's directory is deleted");
            assertFalse(Files.exists(abandonedByZombie), "the zombie JVM's directory is deleted");
            assertTrue(Files.exists(alive.resolve(SharedLocalStack.OWNER_PID_FILE)), "a live JVM's directory is kept");
        } finally {
            zombieParent.destroyForcibly();
            Files.deleteIfExists(alive.resolve(SharedLocalStack.OWNER_PID_FILE));
            Files.deleteIfExists(alive);
        }
    }

    private static long awaitZombieChild(Process parent) throws InterruptedException {
        for (int i = 0; i < 1200; i++) { // up to 60 s: on a loaded machine the child may start late
            var child = parent.toHandle().children().findFirst();
            if (child.isPresent() && child.get().info().command().isEmpty()) {
                return child.get().pid();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no zombie child appeared");
    }
}
