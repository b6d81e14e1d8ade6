package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
}
