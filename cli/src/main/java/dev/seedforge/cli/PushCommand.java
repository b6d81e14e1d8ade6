package dev.seedforge.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.seedforge.hub.HubPublication;
import dev.seedforge.hub.HubPublishException;
import dev.seedforge.hub.HubPublisher;
import dev.seedforge.hub.HubTarget;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seedforge push JOB org/name}: publishes a finished dataset from its directory, the one {@code seedforge run}
 * left in {@code --out/<job id>/}. From the directory rather than through the exporter's API because the local
 * pipeline stops when {@code run} ends, and the directory holds everything the Hub needs (files and card); the Hub
 * protocol itself is the exporter's too ({@link HubPublisher}), so both push the same way.
 */
@Command(name = "push", mixinStandardHelpOptions = true, description = "Publishes a finished dataset to a Hugging Face"
        + " Hub dataset repository: every file of --out/<JOB>/ (data, card, report, trainer configs) in one commit."
        + " Needs HF_TOKEN (a token with write access); HF_ENDPOINT sets another Hub than https://huggingface.co.")
public class PushCommand implements Callable<Integer> {

    static final int EXIT_PUSH_FAILED = 1;
    static final int EXIT_BAD_ARGUMENTS = 2;

    @Parameters(index = "0", paramLabel = "JOB", description = "a job id under --out, or a dataset directory")
    String job;

    @Parameters(index = "1", paramLabel = "REPO", description = "the Hub dataset repository, namespace/name")
    String repo;

    @Option(names = "--out", defaultValue = "out", description = "where datasets are, one directory per job"
            + " (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--public", description = "create the repository public (default: private)")
    boolean publicRepo;

    private final Map<String, String> environment;
    private final PrintStream console;
    private final PrintStream errors;

    public PushCommand() {
        this(System.getenv(), System.out, System.err);
    }

    PushCommand(Map<String, String> environment, PrintStream console, PrintStream errors) {
        this.environment = environment;
        this.console = console;
        this.errors = errors;
    }

    @Override
    public Integer call() {
        Path directory = Files.isDirectory(Path.of(job)) ? Path.of(job) : out.resolve(job);
        if (!Files.isRegularFile(directory.resolve("README.md")) || !Files.isRegularFile(directory.resolve(
                "train.jsonl"))) {
            errors.println("error: " + directory + " is not a finished dataset (no README.md and train.jsonl);"
                    + " give a job id under --out (" + out + ") or a dataset directory");
            return EXIT_BAD_ARGUMENTS;
        }
        HubTarget target;
        try {
            target = new HubTarget(repo, !publicRepo);
        } catch (IllegalArgumentException e) {
            errors.println("error: REPO " + e.getMessage());
            return EXIT_BAD_ARGUMENTS;
        }
        HubPublisher hub = HubPublisher.fromEnvironment(environment);
        List<String> files = HubPublisher.filesOf(directory);
        console.printf("Publishing %d files of %s to %s/datasets/%s (%s)...%n", files.size(), directory,
                hub.endpoint(), target.repo(), target.privateRepo() ? "private" : "public");
        try {
            HubPublication publication = hub.publish(target, directory, files,
                    "Publish the SeedForge dataset " + directory.getFileName());
            console.printf("Published: %s%n  commit %s%s%n", publication.url(), publication.commitOid(),
                    publication.createdRepo() ? " (new repository)" : "");
            return 0;
        } catch (HubPublishException e) {
            errors.println("error: " + e.getMessage());
            return EXIT_PUSH_FAILED;
        }
    }
}
