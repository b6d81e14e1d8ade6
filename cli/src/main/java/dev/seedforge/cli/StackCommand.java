package dev.seedforge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.seedforge.cli.launch.ServiceJvm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stack", mixinStandardHelpOptions = true, description = "Runs the local stack (a Kafka broker and PostgreSQL, no Docker) in the foreground until"
        + " Ctrl-C. Data stays in --data-dir, so a restart keeps topics and tables.")
public class StackCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = ".seedforge/stack", description = "where Kafka and PostgreSQL"
            + " keep their data (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--kafka-port", description = "Kafka's port (default: the stack's own, kept per data dir)")
    Integer kafkaPort;

    @Option(names = "--postgres-port", description = "PostgreSQL's port (default: the stack's own, kept per data dir)")
    Integer postgresPort;

    @Override
    public Integer call() throws Exception {
        List<String> command = ServiceJvm.localStack(ProcessHandle.current().info().command().orElse("java"), dataDir);
        if (kafkaPort != null) {
            command.addAll(List.of("--kafka-port", kafkaPort.toString()));
        }
        if (postgresPort != null) {
            command.addAll(List.of("--postgres-port", postgresPort.toString()));
        }
        Process stack = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::destroy));
        return stack.waitFor();
    }
}
