package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/**
 * Reads exported lines back the way a trainer would: each must be one JSON object that {@link ExampleFormat#turns}
 * understands, with turns, and every tool call in it must name its function and carry a JSON object as arguments
 * (LLaMA-Factory and OpenAI both fail on anything else). Feeds the gate's "no format errors" check.
 */
public final class FormatChecker {

    /** Every unreadable line, as "file line N: why". */
    public List<String> check(String fileName, List<String> lines, ExampleFormat format) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String problem = problem(lines.get(i), format);
            if (problem != null) {
                errors.add(fileName + " line " + (i + 1) + ": " + problem);
            }
        }
        return errors;
    }

    private static boolean argumentsAreAnObject(String arguments) {
        try {
            return arguments != null && Json.MAPPER.readTree(arguments).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String problem(String line, ExampleFormat format) {
        JsonNode record;
        try {
            record = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return "not valid JSON: " + e.getOriginalMessage();
        }
        if (record == null || !record.isObject()) {
            return "not a JSON object";
        }
        try {
            if (format.turns(record).isEmpty()) {
                return "no turns";
            }
        } catch (RuntimeException e) {
            return "not readable as " + format.id() + ": " + e.getMessage();
        }
        return null;
    }
}
