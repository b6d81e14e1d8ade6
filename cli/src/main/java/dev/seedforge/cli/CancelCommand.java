package dev.seedforge.cli;

import dev.seedforge.cli.client.GeneratorApi;
import dev.seedforge.contracts.JobView;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a job on a running SeedForge server (POST /jobs/JOB/cancel).")
public class CancelCommand extends ServerOptions {

    @Parameters(index = "0", paramLabel = "JOB", description = "the job id")
    String jobId;

    @Override
    int call(GeneratorApi generator) {
        JobView job = generator.cancel(jobId);
        System.out.println(JobsCommand.line(job));
        return 0;
    }
}
