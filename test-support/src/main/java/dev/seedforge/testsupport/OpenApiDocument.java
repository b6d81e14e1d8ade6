package dev.seedforge.testsupport;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every service's {@code /q/openapi} must hold, checked one way for all: its title, each operation with a summary,
 * the bearer scheme and the responses it names, and the bearer security scheme itself.
 */
public final class OpenApiDocument {

    /** An operation of the document: its method and path, and the response codes it must describe. */
    public record Operation(String method, String path, String... responses) {
    }

    private OpenApiDocument() {
    }

    /** What the document lacks; empty when it describes every operation as asked. */
    public static List<String> problems(JsonNode doc, String title, List<Operation> operations) {
        List<String> problems = new ArrayList<>();
        if (!title.equals(doc.at("/info/title").asText())) {
            problems.add("title is '" + doc.at("/info/title").asText() + "', not '" + title + "'");
        }
        for (Operation operation : operations) {
            JsonNode op = doc.path("paths").path(operation.path()).path(operation.method());
            String what = operation.method() + " " + operation.path();
            if (op.path("summary").asText().isBlank()) {
                problems.add(what + " has no summary");
            }
            if (!op.path("security").toString().contains("bearer")) {
                problems.add(what + " does not name the bearer scheme");
            }
            for (String code : operation.responses()) {
                if (!op.path("responses").has(code)) {
                    problems.add(what + " does not document " + code);
                }
            }
        }
        if (!"bearer".equals(doc.at("/components/securitySchemes/bearer/scheme").asText())) {
            problems.add("no bearer security scheme");
        }
        return problems;
    }
}
