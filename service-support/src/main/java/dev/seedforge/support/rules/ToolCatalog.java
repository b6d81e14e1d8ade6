package dev.seedforge.support.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ToolCall;
import dev.seedforge.contracts.ToolDefinitions;
import dev.seedforge.contracts.format.Problems;
import dev.seedforge.support.schema.OfflineSchemas;

/**
 * The tools a job (or an example) declares, each with its parameters compiled once into a JSON Schema validator
 * (networknt), and the one check of tool calls against them: the validator holds every candidate to it, the generator
 * every seed. Accepts OpenAI tool definitions ({@code {type: function, function: {name, description, parameters}}})
 * and the bare {@code {name, description, parameters}} form of LLaMA-Factory's ShareGPT {@code tools} column.
 */
public final class ToolCatalog {

    public static final ToolCatalog EMPTY = new ToolCatalog(Map.of());

    private static final int MAX_CACHED_RECORD_CATALOGS = 4096;
    /** Catalogs of records that declare their own tools (the glaive data does), keyed by the tools text. */
    private static final Map<String, ToolCatalog> RECORD_CATALOGS = Collections
            .synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ToolCatalog> eldest) {
                    return size() > MAX_CACHED_RECORD_CATALOGS;
                }
            });

    /**
     * A declared tool; {@code schema} is null when the tool declares no parameters, {@code unusable} says why a schema
     * cannot be applied (it refers to something outside itself, which is never loaded).
     */
    private record Tool(String name, JsonSchema schema, String unusable) {
    }

    private final Map<String, Tool> tools;

    private ToolCatalog(Map<String, Tool> tools) {
        this.tools = tools;
    }

    /** Compiles tool definitions; a definition without a name is skipped (the spec parser reports it). */
    public static ToolCatalog of(List<JsonNode> definitions) {
        if (definitions == null || definitions.isEmpty()) {
            return EMPTY;
        }
        Map<String, Tool> tools = new LinkedHashMap<>();
        for (JsonNode definition : definitions) {
            JsonNode function = ToolDefinitions.functionOf(definition);
            String name = function.path("name").asText("");
            if (name.isBlank()) {
                continue;
            }
            JsonNode parameters = function.get("parameters");
            JsonSchema schema = null;
            String unusable = null;
            if (parameters != null && parameters.isObject()) {
                try {
                    schema = OfflineSchemas.FACTORY.getSchema(parameters);
                } catch (RuntimeException e) {
                    unusable = ReplyJsonSchema.firstLine(e.getMessage());
                }
            }
            tools.put(name, new Tool(name, schema, unusable));
        }
        return new ToolCatalog(Map.copyOf(tools));
    }

    /**
     * The tools a record declares itself, read as {@link ExampleFormat#tools} reads them: OpenAI's {@code tools} array,
     * or ShareGPT's {@code tools} column (a JSON string of an array). {@link #EMPTY} when it declares none or they
     * cannot be read (the format check rejects such a record first).
     */
    public static ToolCatalog declaredBy(ExampleFormat format, JsonNode record) {
        JsonNode tools = record == null ? null : record.get("tools");
        if (tools == null || tools.isNull()) {
            return EMPTY;
        }
        String key = tools.isTextual() ? tools.asText() : tools.toString();
        if (key.isBlank()) {
            return EMPTY;
        }
        return RECORD_CATALOGS.computeIfAbsent(key, text -> {
            try {
                return of(format.tools(record));
            } catch (IllegalArgumentException unreadable) {
                return EMPTY;
            }
        });
    }

    /**
     * The tools an example's calls are checked against: these (the job's), or where the job declares none, as in a job
     * whose examples declare their own, the record's.
     */
    public ToolCatalog forExample(ExampleFormat format, JsonNode record) {
        return isEmpty() ? declaredBy(format, record) : this;
    }

    /** Every tool call of the turns, each to a declared tool and with arguments its schema accepts. */
    public List<Reason> check(List<ChatTurn> turns) {
        Problems problems = new Problems();
        for (int i = 0; i < turns.size(); i++) {
            List<ToolCall> calls = turns.get(i).toolCalls();
            for (int c = 0; c < calls.size(); c++) {
                String where = "turn " + (i + 1) + ", tool call " + (c + 1);
                JsonNode arguments = arguments(calls.get(c).arguments());
                if (arguments == null) {
                    problems.add(ReasonCode.INVALID_TOOL_ARGUMENTS, where + ": the arguments are not JSON");
                } else {
                    check(where, calls.get(c).name(), arguments, problems);
                }
            }
        }
        return problems.reasons();
    }

    private static JsonNode arguments(String text) {
        try {
            return text == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public boolean isEmpty() {
        return tools.isEmpty();
    }

    public Set<String> names() {
        return tools.keySet();
    }

    /** Reports an unknown tool or arguments off the tool's schema; {@code arguments} is already valid JSON. */
    private void check(String where, String name, JsonNode arguments, Problems problems) {
        Tool tool = tools.get(name);
        if (tool == null) {
            problems.add(ReasonCode.UNKNOWN_TOOL, where + " calls '" + name + "', which is not a declared tool"
                    + (tools.isEmpty() ? " (no tools are declared)" : "; declared: " + String.join(", ", tools.keySet())));
            return;
        }
        if (tool.unusable() != null) {
            problems.add(ReasonCode.TOOL_ARGUMENTS_SCHEMA, where + ": the schema of '" + name
                    + "' cannot be applied: " + tool.unusable());
            return;
        }
        if (tool.schema() == null) {
            return;
        }
        Set<ValidationMessage> errors;
        try {
            errors = tool.schema().validate(arguments);
        } catch (RuntimeException e) {
            // a reference outside the schema: the offline factory refuses to load it
            problems.add(ReasonCode.TOOL_ARGUMENTS_SCHEMA, where + ": the schema of '" + name
                    + "' cannot be applied: " + ReplyJsonSchema.firstLine(e.getMessage()));
            return;
        }
        for (ValidationMessage error : errors) {
            problems.add(ReasonCode.TOOL_ARGUMENTS_SCHEMA,
                    where + ": arguments of '" + name + "' do not match its schema: " + error.getMessage());
        }
    }

}
