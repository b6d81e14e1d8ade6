package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.seedforge.cli.client.GeneratorApi;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;

/** A run follows its jobs until they end, unless the pipeline under them breaks: then it says so at once. */
class RunCommandFollowTest {

    private static final URI NOWHERE = URI.create("http://127.0.0.1:9/");

    @Test
    void aProcessOfThePipelineThatExitsFailsTheRunningJobsAtOnceNamingIt() throws Exception {
        GeneratorApi alwaysGenerating = (GeneratorApi) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { GeneratorApi.class }, (proxy, method, args) -> {
                    if (method.getName().equals("job")) {
                        return generating((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        RunCommand command = new RunCommand();
        command.timeout = Duration.ofMinutes(10);
        RunCommand.Run run = new RunCommand.Run(JobSpecs.load(Path.of("../examples/task-api/job.yaml")), null);
        run.job = generating("job-1");
        AtomicInteger looks = new AtomicInteger();
        String exited = "dedup-service exited with code 137 (killed by SIGKILL: kill -9, or the system out of memory)";

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Instant started = Instant.now();
        try {
            command.follow(alwaysGenerating, List.of(run), NOWHERE, NOWHERE,
                    () -> looks.incrementAndGet() < 3 ? Optional.empty() : Optional.of(exited));
        } finally {
            System.setErr(original);
        }

        assertTrue(Duration.between(started, Instant.now()).toSeconds() < 10, "not left to its timeout");
        assertEquals(RunCommand.EXIT_JOB_FAILED, run.exit);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("the local pipeline broke while its jobs ran: " + exited), printed);
        assertTrue(printed.contains("job job-1 (task-api) did not finish"), printed);
    }

    private static JobView generating(String jobId) {
        return new JobView(jobId, JobStatus.GENERATING, null, null, null, 12, null, Instant.now(), Instant.now(), null,
                null);
    }
}
