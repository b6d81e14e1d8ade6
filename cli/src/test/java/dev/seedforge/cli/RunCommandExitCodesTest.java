package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;

/** Scripts and CI tell success, a failed job, a failed gate and a paused job apart by the exit code alone. */
class RunCommandExitCodesTest {

    @Test
    void everyOutcomeHasItsOwnNonZeroCode() {
        Set<Integer> codes = Set.of(RunCommand.EXIT_JOB_FAILED, RunCommand.EXIT_INVALID_SPEC,
                RunCommand.EXIT_GATE_FAILED, RunCommand.EXIT_PAUSED);
        assertEquals(4, codes.size(), "distinct codes");
        assertTrue(codes.stream().allMatch(code -> code > 0));
        assertEquals(3, RunCommand.EXIT_GATE_FAILED, "documented in README");
        assertEquals(4, RunCommand.EXIT_PAUSED, "documented in README");
    }

    @Test
    void aPausedJobPrintsItsDiagnosisAndHowToResume() {
        JobView paused = new JobView("job-1", JobStatus.PAUSED, "paused: 1 cell keep producing duplicates ...\n"
                + "  - complexity=simple: 90% duplicates", null, null, 60, null, Instant.now(), Instant.now(), null,
                null);
        String message = RunCommand.pausedMessage(paused);
        assertTrue(message.contains("complexity=simple: 90% duplicates"), message);
        assertTrue(message.contains("POST /jobs/job-1/resume"), message);
        assertTrue(message.contains("exit code 4"), message);
    }

    @Test
    void aJobHeldForReviewSaysWhereToApproveIt() {
        JobView finalizing = new JobView("job-2", JobStatus.FINALIZING, "target reached", null, null, 5, null,
                Instant.now(), Instant.now(), null, null);
        String message = RunCommand.reviewMessage(finalizing, 2, java.net.URI.create("http://localhost:8085/"),
                java.net.URI.create("http://localhost:8084"));
        assertTrue(message.contains("reviews 2 examples per cell"), message);
        assertTrue(message.contains("open http://localhost:8085/jobs/job-2 "), message);
        assertTrue(message.contains("POST http://localhost:8084/datasets/job-2/review/approve"), message);
    }

    @Test
    void aFailedGateExitsWithItsCodeAndAPassedOneWithZero(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("quality_report.json"), "{\"gate\": {\"passed\": false, \"failures\":"
                + " [\"duplicates 12% of exported\"], \"warnings\": []}}");
        RunCommand command = new RunCommand();
        command.out = out;
        assertEquals(RunCommand.EXIT_GATE_FAILED, command.gateExitCode(out));
        Files.writeString(out.resolve("quality_report.json"), "{\"gate\": {\"passed\": true, \"failures\": [],"
                + " \"warnings\": []}, \"cost\": {\"totalUsd\": 0.011, \"estimatedUsd\": 0.01,"
                + " \"estimateError\": 0.1}}");
        assertEquals(0, command.gateExitCode(out));
    }

    @Test
    void severalJobsExitZeroOnlyWhenEveryJobDid() {
        assertEquals(0, RunCommand.combinedExitCode(List.of(0)));
        assertEquals(0, RunCommand.combinedExitCode(List.of(0, 0, 0)));
        assertEquals(RunCommand.EXIT_GATE_FAILED, RunCommand.combinedExitCode(List.of(RunCommand.EXIT_GATE_FAILED)),
                "one job: its own code, as before");
    }

    @Test
    void severalJobsExitWithTheCodeOfTheFirstJobInArgumentOrderThatDidNotGiveZero() {
        assertEquals(RunCommand.EXIT_PAUSED, RunCommand.combinedExitCode(List.of(0, RunCommand.EXIT_PAUSED,
                RunCommand.EXIT_JOB_FAILED)), "the first failing job's code, not the highest or the lowest");
        assertEquals(RunCommand.EXIT_JOB_FAILED, RunCommand.combinedExitCode(List.of(RunCommand.EXIT_JOB_FAILED, 0,
                RunCommand.EXIT_GATE_FAILED)));
        assertEquals(RunCommand.EXIT_GATE_FAILED, RunCommand.combinedExitCode(List.of(0, 0,
                RunCommand.EXIT_GATE_FAILED)), "the last job counts too");
    }

    @Test
    void progressLinesNameEachJobAndTellTwoJobsOfOneNameApart() {
        assertEquals(List.of("support-chat", "refund-decisions"), RunCommand.labels(List.of("support-chat",
                "refund-decisions")));
        assertEquals(List.of("support-chat#1", "refund-decisions", "support-chat#3"), RunCommand.labels(List.of(
                "support-chat", "refund-decisions", "support-chat")));
    }

    @Test
    void anInvalidSpecAmongSeveralStopsTheRunBeforeAnythingStarts(@TempDir Path work) throws Exception {
        Path valid = Path.of(System.getProperty("seedforge.home", "..")).resolve("examples/support-chat/job.yaml");
        assertTrue(Files.exists(valid), valid.toString());
        Path invalid = work.resolve("broken.yaml");
        Files.writeString(invalid, "name: broken\ntarget: 0\n");
        Path missing = work.resolve("missing.yaml");
        RunCommand command = new RunCommand();
        command.jobFiles = List.of(valid, invalid, missing);
        command.out = work.resolve("out");
        command.dataDir = work.resolve("data");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = command.call();
        } finally {
            System.setErr(original);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(RunCommand.EXIT_INVALID_SPEC, exit, message);
        assertTrue(message.contains("error: " + invalid + " is not a valid job spec:"), message);
        assertTrue(message.contains("target"), "names the field: " + message);
        assertTrue(message.contains("error: cannot read " + missing), "every bad file is named: " + message);
        assertFalse(message.contains(valid.toString()), "the valid spec is not blamed: " + message);
        assertFalse(Files.exists(command.out), "nothing started, not even the output directory");
        assertFalse(Files.exists(command.dataDir), "no local stack started");
    }
}
