package dev.seedforge.cli;

import picocli.CommandLine.Command;

@Command(name = "seedforge", mixinStandardHelpOptions = true, version = "seedforge 0.1.0", description = "Turns a task description and a few seed examples into a fine-tuning dataset.", subcommands = {
        RunCommand.class, PushCommand.class, StackCommand.class, UpCommand.class, JobsCommand.class,
        StatusCommand.class, ApproveCommand.class, CancelCommand.class })
public class SeedforgeCommand {
}
