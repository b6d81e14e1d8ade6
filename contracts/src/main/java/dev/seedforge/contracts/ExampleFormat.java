package dev.seedforge.contracts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.format.Alpaca;
import dev.seedforge.contracts.format.FormatChecker;
import dev.seedforge.contracts.format.FormatHome;
import dev.seedforge.contracts.format.OpenAiChat;
import dev.seedforge.contracts.format.ShareGpt;

/**
 * The dataset formats trainers read, the entry point to each format's home ({@link OpenAiChat}, {@link ShareGpt},
 * {@link Alpaca}) where it is read into neutral {@link ChatTurn}s, written, checked and shaped for the teacher.
 * Reading is lenient about layout but names the field it cannot read; checking is to the letter.
 */
public enum ExampleFormat {

    /** LLaMA-Factory's ShareGPT: {@code conversations} of {@code from}/{@code value}, optional {@code system}. */
    SHAREGPT("sharegpt", new ShareGpt()),
    /** OpenAI chat fine-tuning: {@code messages} with roles, assistant {@code tool_calls}, {@code tool} answers. */
    OPENAI("openai", new OpenAiChat()),
    /** Alpaca: {@code instruction}, {@code input}, {@code output}, optional {@code system} and {@code history}. */
    ALPACA("alpaca", new Alpaca());

    private static final FormatChecker CHECKER = new FormatChecker();

    private final String id;
    private final FormatHome home;

    ExampleFormat(String id, FormatHome home) {
        this.id = id;
        this.home = home;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static ExampleFormat fromId(String value) {
        for (ExampleFormat format : values()) {
            if (format.id.equalsIgnoreCase(value) || format.name().equalsIgnoreCase(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + value + "'; expected one of "
                + Arrays.stream(values()).map(ExampleFormat::id).collect(Collectors.joining(", "))
                + MEANT.getOrDefault(value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT), ""));
    }

    /** What other names for the formats usually mean: records of {@code messages} are OpenAI's, whatever the name. */
    private static final java.util.Map<String, String> MEANT = java.util.Map.of(
            "chatml", "; records of messages with a role and content are 'openai'",
            "messages", "; records of messages with a role and content are 'openai'",
            "chat", "; records of messages with a role and content are 'openai'",
            "jsonl", "; every format is written as JSONL: records of messages with a role and content are 'openai'",
            "conversations", "; records of conversations with from and value are 'sharegpt'",
            "llama-factory", "; LLaMA-Factory reads 'sharegpt' and 'alpaca'",
            "instruction", "; records of instruction, input and output are 'alpaca'",
            "dpo", "; a dataset of chosen and rejected answers is task_type: preference, in any of these formats");

    /** Tells the format of a record from its fields. */
    public static ExampleFormat detect(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new IllegalArgumentException("an example must be a JSON object, got "
                    + (record == null ? "nothing" : record.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (record.has("messages")) {
            return OPENAI;
        }
        if (record.has("conversations")) {
            return SHAREGPT;
        }
        if (record.has("instruction")) {
            return ALPACA;
        }
        if (record.has("instances")) {
            throw new IllegalArgumentException(
                    "a Self-Instruct task needs one example per instance; import it with SeedImport");
        }
        throw new IllegalArgumentException(
                "an example needs 'messages' (openai), 'conversations' (sharegpt) or 'instruction' (alpaca); got fields "
                        + fieldNames(record) + (record.has("prompt") && record.has("completion")
                                ? " (OpenAI's legacy prompt/completion records are read from a seeds_file)"
                                : RequestReplyRecords.isOne(record)
                                        ? " (a request and a reply under these names are read from a seeds_file)"
                                        : ""));
    }

    /** Where this format is read, written and checked. */
    public FormatHome home() {
        return home;
    }

    /** Reads a record of this format into neutral turns. */
    public List<ChatTurn> turns(JsonNode record) {
        return home.turns(record);
    }

    /** Writes neutral turns as a record of this format. */
    public ObjectNode render(List<ChatTurn> turns) {
        return home.render(turns);
    }

    public ObjectNode render(Conversation conversation) {
        return render(conversation.messages());
    }

    /**
     * Writes turns as a record of this format with the tool definitions a trainer needs where the example calls
     * tools: OpenAI's top-level {@code tools} list of {@code {"type":"function","function":{...}}}, ShareGPT's
     * {@code tools} as one JSON string of bare function definitions (LLaMA-Factory's glaive demo). Alpaca has no form
     * for tool calls: such turns are refused, naming why.
     */
    public ObjectNode render(List<ChatTurn> turns, List<JsonNode> tools) {
        boolean callsTools = turns.stream().anyMatch(t -> !t.toolCalls().isEmpty());
        if (this == ALPACA && (callsTools || turns.stream().anyMatch(t -> ChatTurn.TOOL.equals(t.role())))) {
            throw new IllegalArgumentException("tool calls have no Alpaca form");
        }
        ObjectNode record = render(turns);
        if (callsTools && !tools.isEmpty()) {
            home.putTools(record, tools);
        }
        return record;
    }

    /**
     * A record of this format as a record of {@code to}, its tool definitions carried over (Alpaca apart). The one place where
     * a
     * conversion drops what the target cannot express: to ShareGPT, call ids, message names, weights and text beside
     * a call; to Alpaca, tool calls (refused) and the split of instruction and input (the user turn becomes the
     * instruction); from Alpaca, the split likewise (instruction and input joined by a newline).
     */
    public ObjectNode convert(JsonNode record, ExampleFormat to) {
        if (to == this) {
            return ((ObjectNode) record).deepCopy();
        }
        List<JsonNode> tools = tools(record);
        ObjectNode converted = to.render(turns(record), tools);
        if (!tools.isEmpty() && to != ALPACA && !converted.has("tools")) {
            // the tools a record offers are part of the example even where it calls none (when not to call one)
            to.home.putTools(converted, tools);
        }
        return converted;
    }

    /** An example as a record of this format: its own record when it was written in this format, else converted. */
    public ObjectNode record(Conversation example) {
        if (example.format() != null && example.record() != null) {
            return example.format().convert(example.record(), this);
        }
        return render(example.messages());
    }

    /** An example as the teacher is shown it (protocol v2): in this format, without system prompt and tool list. */
    public ObjectNode forPrompt(Conversation example) {
        return home.withoutSystemAndTools(record(example));
    }

    /**
     * A record as the teacher wrote it, completed as a trainer reads it: the system prompt (when given) and the job's
     * tool definitions (when it has any and the format can carry them) added back.
     */
    public ObjectNode complete(JsonNode record, String systemPrompt, List<JsonNode> tools) {
        ObjectNode completed = home.withSystemPrompt(record, systemPrompt);
        if (tools != null && !tools.isEmpty() && this != ALPACA) {
            home.putTools(completed, tools);
        }
        return completed;
    }

    /** Checks a record against the letter of this format; an empty list means well-formed. */
    public List<Reason> check(JsonNode record) {
        return CHECKER.check(this, record);
    }

    /**
     * The tool definitions a record carries, in OpenAI's form: OpenAI's {@code tools} list, or ShareGPT's
     * {@code tools} (a JSON string or a list of bare functions); none for Alpaca or a record without them.
     */
    public List<JsonNode> tools(JsonNode record) {
        return home.tools(record);
    }

    /** The record as it is, or for OpenAI with tool calls and no {@code tools} of its own, with {@code tools} added. */
    public JsonNode withTools(JsonNode record, List<JsonNode> tools) {
        if (this != OPENAI || tools.isEmpty() || !record.isObject() || record.has("tools")) {
            return record;
        }
        boolean callsTools = false;
        for (JsonNode message : record.path("messages")) {
            callsTools |= !message.path("tool_calls").isEmpty();
        }
        if (!callsTools) {
            return record;
        }
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        home.putTools(copy, tools);
        return copy;
    }

    static String fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }
}
