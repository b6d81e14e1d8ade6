package dev.seedforge.cli;

import dev.seedforge.cli.client.GeneratorApi;
import dev.seedforge.contracts.JobView;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "approve", mixinStandardHelpOptions = true, description = "Approves a job on a running SeedForge server (POST /jobs/JOB/approve).")
public class ApproveCommand extends ServerOptions {

    @Parameters(index = "0", paramLabel = "JOB", description = "the job id")
    String jobId;

    @Override
    int call(GeneratorApi generator) {
        JobView job = generator.approve(jobId);
        System.out.println(JobsCommand.line(job));
        return 0;
    }
}
