package dev.seedforge.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.seedforge.cli.client.GeneratorApi;
import dev.seedforge.contracts.JobView;

import picocli.CommandLine.Command;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists the jobs of a running SeedForge server, newest first.")
public class JobsCommand extends ServerOptions {

    @Override
    int call(GeneratorApi generator) {
        List<JobView> jobs = generator.jobs().stream()
                .sorted(Comparator.comparing(JobView::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        System.out.printf(Locale.ROOT, "%-36s  %-20s  %-10s  %13s  %10s  %s%n", "JOB", "NAME", "STATUS",
                "ACCEPTED", "COST", "CREATED");
        for (JobView job : jobs) {
            System.out.println(line(job));
        }
        if (jobs.isEmpty()) {
            System.out.println("(no jobs)");
        }
        return 0;
    }

    static String line(JobView job) {
        long target = job.plan() != null ? job.plan().totalQuota()
                : job.spec() != null && job.spec().target() != null ? job.spec().target() : 0;
        long accepted = job.progress() == null ? 0 : job.progress().accepted();
        double cost = job.cost() != null ? job.cost().totalUsd() : job.progress() == null ? 0 : job.progress().costUsd();
        return String.format(Locale.ROOT, "%-36s  %-20s  %-10s  %13s  %10s  %s", job.jobId(),
                job.spec() == null ? "" : job.spec().name(), job.status(), accepted + "/" + target,
                String.format(Locale.ROOT, "$%.4f", cost), job.createdAt());
    }
}
