package dev.seedforge.support.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;

class KnownJobsTest {

    private static final String SPEC = """
            name: known-jobs
            task: Write one short customer question about a parcel.
            format: alpaca
            target: 3
            seeds:
              - instruction: Where is my parcel?
                output: It left the depot this morning.
            """;

    private static String record(String jobId, String owner) throws Exception {
        return Json.MAPPER.writeValueAsString(AcceptedJob.of(jobId, JobSpecs.parse(SPEC, null), null, owner));
    }

    @Test
    void aRecordMakesItsJobKnownWithDefaultsFilledAndItsOwner() throws Exception {
        KnownJobs jobs = new KnownJobs(10, 1_000_000);
        jobs.learn(record("job-1", "acme"));
        AcceptedJob job = jobs.find("job-1").orElseThrow();
        assertEquals("acme", job.owner());
        assertEquals(3, job.spec().target());
        assertTrue(job.spec().judge() != null, "defaults are filled");
        assertFalse(jobs.find("job-2").isPresent());
    }

    @Test
    void aWaitingStageGetsTheSpecWhenItArrives() throws Exception {
        KnownJobs jobs = new KnownJobs(10, 1_000_000);
        CompletableFuture<AcceptedJob> blocking = CompletableFuture.supplyAsync(() -> jobs.await("late"));
        CompletableFuture<AcceptedJob> reactive = jobs.when("late").subscribeAsCompletionStage();
        Thread.sleep(200);
        assertFalse(blocking.isDone() || reactive.isDone(), "nothing to return before the spec is known");
        jobs.learn(record("late", null));
        assertEquals("late", blocking.get(5, TimeUnit.SECONDS).jobId());
        assertEquals("late", reactive.get(5, TimeUnit.SECONDS).jobId());
        assertEquals("late", jobs.when("late").await().atMost(Duration.ofSeconds(1)).jobId());
    }

    @Test
    void theStoreIsBoundedByCountLeastRecentlyUsedFirst() throws Exception {
        KnownJobs jobs = new KnownJobs(2, 1_000_000);
        jobs.learn(record("a", null));
        jobs.learn(record("b", null));
        jobs.find("a");
        jobs.learn(record("c", null));
        assertEquals(2, jobs.size());
        assertTrue(jobs.find("a").isPresent() && jobs.find("c").isPresent());
        assertFalse(jobs.find("b").isPresent(), "b was used least recently");
    }

    @Test
    void theStoreIsBoundedByBytes() throws Exception {
        String one = record("a", null);
        KnownJobs jobs = new KnownJobs(100, one.length() * 2L + 10);
        for (String id : List.of("a", "b", "c")) {
            jobs.learn(record(id, null));
        }
        assertEquals(2, jobs.size());
        assertFalse(jobs.find("a").isPresent());
    }

    @Test
    void aRecordThatIsNotASpecNamesWhatIsWrong() {
        KnownJobs jobs = new KnownJobs(10, 1_000_000);
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> jobs.learn("{nope"));
        assertTrue(notJson.getMessage().contains("job-specs"), notJson.getMessage());
        IllegalArgumentException noSpec = assertThrows(IllegalArgumentException.class,
                () -> jobs.learn("{\"schemaVersion\":1,\"jobId\":\"x\"}"));
        assertTrue(noSpec.getMessage().contains("spec is missing"), noSpec.getMessage());
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> jobs.learn("{\"schemaVersion\":9,\"jobId\":\"x\"}"));
        assertTrue(version.getMessage().contains("schemaVersion 9"), version.getMessage());
    }
}
