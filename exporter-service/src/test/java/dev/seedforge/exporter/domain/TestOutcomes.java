package dev.seedforge.exporter.domain;

import java.util.List;

import dev.seedforge.contracts.Reason;

/** Builds outcomes with small OpenAI-format examples for the domain tests. */
final class TestOutcomes {

    static final String SYSTEM = "You are the Task API assistant.";

    private TestOutcomes() {
    }

    static String example(int n) {
        return "{\"messages\":[{\"role\":\"system\",\"content\":\"" + SYSTEM + "\"},"
                + "{\"role\":\"user\",\"content\":\"Create task number " + n + ", high priority.\"},"
                + "{\"role\":\"assistant\",\"content\":\"Created task: 'Task " + n + "' | Priority: high\"}]}";
    }

    static String multiTurnExample(int n) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"List my tasks.\"},"
                + "{\"role\":\"assistant\",\"content\":\"1. Task " + n + "\"},"
                + "{\"role\":\"user\",\"content\":\"Complete task #" + n + ".\"},"
                + "{\"role\":\"assistant\",\"content\":\"Completed task #" + n + ": 'Task " + n + "'\"}]}";
    }

    static String id(int n) {
        return String.format("job-1-%04d", n);
    }

    static Outcome accepted(int n) {
        return new Outcome(id(n), "job-1", "all", OutcomeStatus.ACCEPTED, example(n), List.of(), null, null, null,
                0.001, 0.0005);
    }

    static Outcome rejected(int n, String... codes) {
        List<Reason> reasons = java.util.Arrays.stream(codes).map(c -> new Reason(c, "because " + c)).toList();
        return new Outcome(id(n), "job-1", "all", OutcomeStatus.REJECTED, example(n), reasons, null, null, null,
                0.001, 0.0005);
    }

    static Outcome duplicate(int n, int of, String method) {
        return new Outcome(id(n), "job-1", "all", OutcomeStatus.DUPLICATE, example(of), List.of(), id(of), method,
                1.0, 0.001, 0.0005);
    }
}
