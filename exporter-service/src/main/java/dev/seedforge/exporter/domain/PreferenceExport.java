package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.TextNormalizer;

/**
 * The files of a preference job, one pair per exported example, in the three shapes the trainers' docs define:
 * TRL's conversational preference type ({@code prompt}, {@code chosen}, {@code rejected}, each a list of messages,
 * and {@code tools}; also what axolotl's {@code chat_template.default} DPO strategy reads), LLaMA-Factory's ShareGPT preference
 * records ({@code conversations} ending with a human or observation turn, {@code chosen} and {@code rejected} as one
 * turn each, registered with {@code "ranking": true}), and OpenAI's preference fine-tuning lines ({@code input} with
 * {@code messages} and {@code tools}, {@code preferred_output} and {@code non_preferred_output} as one assistant
 * message each). The split keeps a prompt's pairs on one side ({@link #samePromptLinks}).
 */
public final class PreferenceExport {

    public static final String TRL_TRAIN = DatasetFile.TRAIN;
    public static final String TRL_VALIDATION = DatasetFile.VALIDATION;
    public static final String LLAMA_FACTORY_TRAIN = "train.llamafactory.jsonl";
    public static final String LLAMA_FACTORY_VALIDATION = "validation.llamafactory.jsonl";
    public static final String OPENAI_TRAIN = "train.openai_preference.jsonl";
    public static final String OPENAI_VALIDATION = "validation.openai_preference.jsonl";

    /** The three shapes, each with its check of a written line. */
    public enum Shape {
        TRL,
        LLAMA_FACTORY,
        OPENAI
    }

    private PreferenceExport() {
    }

    /** The lines of one split in the three shapes, and the pairs that could not be read. */
    public record Lines(List<String> trl, List<String> llamaFactory, List<String> openAi, List<String> problems) {
    }

    public static Lines lines(List<Outcome> examples, ExportJob job) {
        List<String> trl = new ArrayList<>();
        List<String> llamaFactory = new ArrayList<>();
        List<String> openAi = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Outcome example : examples) {
            try {
                JsonNode record = Json.MAPPER.readTree(example.exampleJson());
                PreferencePair pair = PreferencePair.of(job.format(), record);
                List<JsonNode> tools = job.toolsOfferedIn(record);
                trl.add(trl(pair, tools, job.perExampleTools()).toString());
                llamaFactory.add(llamaFactory(pair, tools, job.perExampleTools()).toString());
                openAi.add(openAi(pair, tools, job.perExampleTools()).toString());
            } catch (JsonProcessingException | RuntimeException e) {
                problems.add(example.candidateId() + ": " + e.getMessage());
            }
        }
        return new Lines(trl, llamaFactory, openAi, problems);
    }

    /**
     * TRL's line, with {@code tools} where {@link #offersTools} says: OpenAI's tool objects as one JSON string, which
     * TRL's DPOTrainer reads per example (parsing a string) and hands to the chat template. A string rather than a
     * list: {@code datasets} gives a column one Arrow type for every row, which lists of different functions'
     * schemas do not share.
     */
    static ObjectNode trl(PreferencePair pair, List<JsonNode> tools, boolean evenUncalled) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.set("prompt", messages(pair.prompt()));
        line.set("chosen", messages(List.of(pair.chosen())));
        line.set("rejected", messages(List.of(pair.rejected())));
        if (offersTools(pair, tools, evenUncalled)) {
            ObjectNode withTools = Json.MAPPER.createObjectNode();
            ExampleFormat.OPENAI.home().putTools(withTools, tools);
            line.put("tools", withTools.get("tools").toString());
        }
        return line;
    }

    /**
     * Whether a pair's line carries its tools: where a side calls one, or with {@code evenUncalled} (an example that
     * declares its own tools) wherever it offers any: what it was offered is part of the example.
     */
    private static boolean offersTools(PreferencePair pair, List<JsonNode> tools, boolean evenUncalled) {
        boolean calls = pair.with(pair.chosen()).stream().anyMatch(t -> !t.toolCalls().isEmpty())
                || !pair.rejected().toolCalls().isEmpty();
        return (calls || evenUncalled) && !tools.isEmpty();
    }

    /** OpenAI's preference line, with {@code tools} where {@link #offersTools} says. */
    static ObjectNode openAi(PreferencePair pair, List<JsonNode> tools, boolean evenUncalled) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        ObjectNode input = line.putObject("input");
        input.set("messages", messages(pair.prompt()));
        if (offersTools(pair, tools, evenUncalled)) {
            ExampleFormat.OPENAI.home().putTools(input, tools);
        }
        line.set("preferred_output", messages(List.of(pair.chosen())));
        line.set("non_preferred_output", messages(List.of(pair.rejected())));
        return line;
    }

    /** LLaMA-Factory's ranking line; {@code tools} written as {@link #openAi} writes them. */
    static ObjectNode llamaFactory(PreferencePair pair, List<JsonNode> tools, boolean evenUncalled) {
        ObjectNode chosen = ExampleFormat.SHAREGPT.render(pair.with(pair.chosen()), tools);
        ObjectNode rejected = ExampleFormat.SHAREGPT.render(pair.with(pair.rejected()), tools);
        ArrayNode conversations = (ArrayNode) chosen.path("conversations");
        ObjectNode line = chosen.deepCopy();
        ArrayNode prompt = Json.MAPPER.createArrayNode();
        for (int i = 0; i < conversations.size() - 1; i++) {
            prompt.add(conversations.get(i));
        }
        line.set("conversations", prompt);
        line.set("chosen", conversations.get(conversations.size() - 1));
        ArrayNode rejectedTurns = (ArrayNode) rejected.path("conversations");
        line.set("rejected", rejectedTurns.get(rejectedTurns.size() - 1));
        if (rejected.has("tools") && !line.has("tools")) {
            line.set("tools", rejected.get("tools"));
        }
        if (evenUncalled && !tools.isEmpty() && !line.has("tools")) {
            ExampleFormat.SHAREGPT.home().putTools(line, tools);
        }
        return line;
    }

    /** Turns as OpenAI messages (role, content, tool calls, tool call ids). */
    private static ArrayNode messages(List<ChatTurn> turns) {
        return (ArrayNode) ExampleFormat.OPENAI.render(turns).path("messages");
    }

    /**
     * Links between exported pairs of the same prompt (every turn before the answer, normalised as dedup normalises
     * text), so the leak-free split keeps a prompt's pairs on one side.
     */
    public static List<DatasetSplitter.Link> samePromptLinks(List<Outcome> exported, ExportJob job) {
        Map<String, String> firstOfPrompt = new HashMap<>();
        List<DatasetSplitter.Link> links = new ArrayList<>();
        for (Outcome outcome : exported) {
            String key;
            try {
                PreferencePair pair = PreferencePair.of(job.format(), Json.MAPPER.readTree(outcome.exampleJson()));
                StringBuilder text = new StringBuilder();
                pair.prompt().forEach(t -> text.append(t.role()).append(':')
                        .append(t.content() == null ? "" : TextNormalizer.INSTANCE.normalize(t.content())).append('\n'));
                key = text.toString();
            } catch (JsonProcessingException | RuntimeException e) {
                continue;
            }
            String first = firstOfPrompt.putIfAbsent(key, outcome.candidateId());
            if (first != null) {
                links.add(new DatasetSplitter.Link(first, outcome.candidateId(), 1.0));
            }
        }
        return links;
    }

    /** Exported pairs per failure mode, for the report. */
    public static QualityReport.Preference report(List<Outcome> exported, ExportJob job) {
        Map<String, Long> byMode = new TreeMap<>();
        long pairs = 0;
        for (Outcome outcome : exported) {
            try {
                PreferencePair pair = PreferencePair.of(job.format(), Json.MAPPER.readTree(outcome.exampleJson()));
                byMode.merge(pair.failureMode(), 1L, Long::sum);
                pairs++;
            } catch (JsonProcessingException | RuntimeException e) {
                // counted among the format errors of the files
            }
        }
        return new QualityReport.Preference(pairs, byMode, List.of(TRL_TRAIN, LLAMA_FACTORY_TRAIN, OPENAI_TRAIN));
    }

    /** Reads written lines back by the field names of {@code shape}'s docs; every line at fault as "file line N: why". */
    public static List<String> checkLines(String fileName, List<String> lines, Shape shape) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = fileName + " line " + (i + 1) + ": ";
            JsonNode line;
            try {
                line = Json.MAPPER.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                errors.add(where + "not valid JSON: " + e.getOriginalMessage());
                continue;
            }
            String problem = switch (shape) {
                case TRL -> messages(line, "prompt", false) + messages(line, "chosen", true)
                        + messages(line, "rejected", true);
                case OPENAI -> messages(line.path("input"), "messages", false)
                        + messages(line, "preferred_output", true) + messages(line, "non_preferred_output", true);
                case LLAMA_FACTORY -> llamaFactoryProblem(line);
            };
            if (!problem.isEmpty()) {
                errors.add(where + problem.strip());
            }
        }
        return errors;
    }

    private static String messages(JsonNode parent, String field, boolean oneAnswer) {
        JsonNode list = parent.path(field);
        if (!list.isArray() || list.isEmpty()) {
            return field + " is not a non-empty list of messages; ";
        }
        if (oneAnswer && (list.size() != 1 || !"assistant".equals(list.get(0).path("role").asText()))) {
            return field + " must hold exactly one assistant message; ";
        }
        for (JsonNode message : list) {
            if (!message.path("role").isTextual()) {
                return field + " has a message without a role; ";
            }
        }
        return "";
    }

    private static String llamaFactoryProblem(JsonNode line) {
        JsonNode turns = line.path("conversations");
        if (!turns.isArray() || turns.isEmpty()) {
            return "conversations is not a non-empty list of turns";
        }
        String lastFrom = turns.get(turns.size() - 1).path("from").asText();
        if (!"human".equals(lastFrom) && !"observation".equals(lastFrom)) {
            return "conversations must end with a human or observation turn, not '" + lastFrom + "'";
        }
        for (String side : List.of("chosen", "rejected")) {
            JsonNode turn = line.path(side);
            String from = turn.path("from").asText();
            if (!turn.isObject() || !("gpt".equals(from) || "function_call".equals(from))
                    || !turn.path("value").isTextual()) {
                return side + " must be one gpt or function_call turn {from, value}";
            }
        }
        return "";
    }
}
