package dev.seedforge.generator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobPassesTest {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void triggersDuringAPassFoldIntoOneMorePassAfterIt() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Semaphore passesDone = new Semaphore(0);
        AtomicInteger passes = new AtomicInteger();
        JobPasses jobPasses = new JobPasses(executor, jobId -> {
            if (passes.incrementAndGet() == 1) {
                firstStarted.countDown();
                releaseFirst.await();
            }
            passesDone.release();
        }, (jobId, e) -> {
        });

        jobPasses.trigger("job-1");
        assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
        jobPasses.trigger("job-1");
        jobPasses.trigger("job-1");
        jobPasses.trigger("job-1");
        releaseFirst.countDown();

        assertTrue(passesDone.tryAcquire(2, 5, TimeUnit.SECONDS));
        Thread.sleep(200);
        assertEquals(2, passes.get(), "the first pass and one more");
    }

    @Test
    void aTriggerAsAPassEndsIsNeverLostAndPassesNeverOverlap() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        JobPasses jobPasses = new JobPasses(executor, jobId -> {
            if (concurrent.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            passes.incrementAndGet();
            Thread.onSpinWait();
            concurrent.decrementAndGet();
        }, (jobId, e) -> {
        });

        // triggers race the end of short passes; after each burst, one more trigger must still get a pass of its own
        for (int round = 0; round < 1_000; round++) {
            int before = passes.get();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> triggers = List.of(Thread.ofVirtual().start(() -> triggerAfter(go, jobPasses)),
                    Thread.ofVirtual().start(() -> triggerAfter(go, jobPasses)));
            go.countDown();
            for (Thread thread : triggers) {
                thread.join();
            }
            awaitNoPass(jobPasses);
            int quiet = passes.get();
            assertTrue(quiet > before, "round " + round + ": the burst ran no pass");
            jobPasses.trigger("job-1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (passes.get() == quiet && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(passes.get() > quiet, "round " + round + ": a trigger after the burst ran no pass");
            awaitNoPass(jobPasses);
        }
        assertEquals(0, overlaps.get(), "passes of one job side by side");
    }

    @Test
    void aFailedPassIsReportedAndTheNextTriggerRunsAgain() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        Semaphore attempts = new Semaphore(0);
        JobPasses jobPasses = new JobPasses(executor, jobId -> {
            attempts.release();
            throw new IllegalStateException("database away");
        }, (jobId, e) -> failures.add(jobId + ": " + e.getMessage()));

        jobPasses.trigger("job-1");
        assertTrue(attempts.tryAcquire(5, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(List.of("job-1: database away"), failures);

        jobPasses.trigger("job-1");
        assertTrue(attempts.tryAcquire(5, TimeUnit.SECONDS), "a pass after the failed one");
    }

    @Test
    void jobsPassSideBySide() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        JobPasses jobPasses = new JobPasses(executor, jobId -> {
            bothInside.countDown();
            bothInside.await(5, TimeUnit.SECONDS);
        }, (jobId, e) -> {
        });

        jobPasses.trigger("job-1");
        jobPasses.trigger("job-2");

        assertTrue(bothInside.await(5, TimeUnit.SECONDS));
    }

    private static void triggerAfter(CountDownLatch go, JobPasses jobPasses) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        jobPasses.trigger("job-1");
    }

    /** Waits until the job has no pass running or asked for. */
    private static void awaitNoPass(JobPasses jobPasses) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (jobPasses.passing("job-1")) {
            assertTrue(System.nanoTime() < deadline, "the job's passes never ended");
            Thread.sleep(1);
        }
    }
}
