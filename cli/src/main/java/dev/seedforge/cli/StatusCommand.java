package dev.seedforge.cli;

import java.util.Locale;

import dev.seedforge.cli.client.GeneratorApi;
import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.PlanCell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows one job of a running SeedForge server: status, plan and progress per cell.")
public class StatusCommand extends ServerOptions {

    @Parameters(index = "0", paramLabel = "JOB", description = "the job id")
    String jobId;

    @Override
    int call(GeneratorApi generator) {
        JobView job = generator.job(jobId);
        System.out.println(JobsCommand.line(job));
        if (job.reason() != null) {
            System.out.println("reason: " + job.reason());
        }
        if (job.plan() != null) {
            System.out.printf(Locale.ROOT, "plan: %s, %s, estimated $%.4f%n",
                    RunCommand.counted(job.plan().cells().size(), "cell"),
                    RunCommand.counted(job.plan().totalQuota(), "example"),
                    job.plan().estimate() == null ? 0 : job.plan().estimate().totalUsd());
            for (PlanCell cell : job.plan().cells()) {
                CellProgress progress = job.progress() == null ? null : job.progress().cells().get(cell.id());
                System.out.printf(Locale.ROOT, "  %5d/%-5d  rejected %4d  duplicates %4d  %s%n",
                        progress == null ? 0 : progress.accepted(), cell.quota(),
                        progress == null ? 0 : progress.rejected(), progress == null ? 0 : progress.duplicates(),
                        cell.id());
            }
            job.plan().warnings().forEach(w -> System.out.println("warning: " + w.field() + ": " + w.message()));
        }
        return 0;
    }
}
