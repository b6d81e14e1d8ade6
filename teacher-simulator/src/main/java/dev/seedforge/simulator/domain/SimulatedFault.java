package dev.seedforge.simulator.domain;

import java.util.Map;

/**
 * An error the simulator answers with instead of a completion, shaped like OpenAI's:
 * {@code {"error": {"message", "type", "code"}}} with an HTTP status and headers such as {@code retry-after}.
 */
public record SimulatedFault(int status, String type, String code, String message, Map<String, String> headers) {

    public SimulatedFault {
        headers = Map.copyOf(headers);
    }
}
