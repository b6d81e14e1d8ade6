package dev.seedforge.generator.domain;

import java.util.List;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;

/**
 * An extra export format that cannot hold some of the job's examples: Alpaca has no form for tool calls, so a tool
 * job's Alpaca files leave out every example that calls one, and are empty when every seed does. Said in the plan,
 * before the job is paid for, rather than found in the quality report's {@code notConvertible}.
 */
public final class ExportFormatCoverage {

    private ExportFormatCoverage() {
    }

    public static List<FieldError> check(JobSpec spec) {
        if (!spec.withTools() || spec.export() == null
                || spec.format() == ExampleFormat.ALPACA || !spec.export().formats().contains(ExampleFormat.ALPACA)) {
            return List.of();
        }
        long calling = spec.seeds().stream().filter(Conversation::callsTools).count();
        if (calling == 0) {
            return List.of();
        }
        String share = calling == spec.seeds().size() ? "every seed calls one, so the Alpaca files will be empty"
                : calling + " of the " + spec.seeds().size() + " seeds call one, so about as many of the examples will"
                        + " be missing from the Alpaca files";
        return List.of(new FieldError("export.formats", "alpaca has no form for tool calls: an example that calls a"
                + " tool is left out of it (" + share + "); leave alpaca out, or keep it for the examples without"
                + " tool calls"));
    }
}
