package dev.seedforge.simulator.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stands in for the judge model on the validator's judge requests (schema {@code judge_scores}: a row of integer
 * scores per example index, in the order the prompt lists the criteria, and a {@code weaknesses} entry for each
 * example that falls short). It scores what can be checked
 * without understanding the text, so that its rejections mean something: the structure of the conversation, a reply
 * repeated word for word, arithmetic written out wrongly, a weekday that does not fit its date, titles in the answer
 * the request never named, tool-call arguments that are not JSON or come from nowhere in the request, and, when the
 * prompt states the example's directives ({@code axis.<name>: <value>}, {@code turns: N}, or the validator's
 * {@code Written for cell label=negative|complexity=simple:} above its examples), whether the example follows them. A clean
 * example scores 8 to 10 on every criterion; each finding takes points off.
 */
public final class JudgeSimulator {

    public static final String SCHEMA_NAME = "judge_scores";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern MIN_SCORE = Pattern.compile("with a score below (\\d+)");
    private static final Pattern CRITERION = Pattern.compile("(?m)^- ([\\p{L}\\p{N}_ -]+?): ");
    private static final Pattern CELL_HEADING = Pattern.compile("Written for cell (.+):");
    private static final Pattern NUMBERED = Pattern.compile("(\\d+): (\\{.*\\})");
    private static final String WEAKNESSES = "weaknesses";
    private static final Pattern TASK = Pattern.compile("The dataset's task: (.+)");
    private static final Pattern QUOTED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:'([^'\\n]{3,80})'|\"([^\"\\n]{3,80})\")(?![\\p{L}\\p{N}])");
    private static final Pattern ISO_WEEKDAY = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})\\s*\\((Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]{4,}");
    private static final Set<String> CODE_WORDS = Set.of("select", "from", "where", "group", "order", "limit",
            "join", "having", "count", "true", "false", "null", "desc", "asc", "with", "into", "values", "update");

    /** One finding: how many points it costs and the sentence a comment names it by. */
    record Finding(int points, String text) {
    }

    /**
     * A request whose schema asks for {@code scores} with a row per example index ({@code scores.0} ...) and
     * {@code weaknesses}, as the validator's judge schema does.
     */
    public static boolean isJudge(ChatInput input) {
        JsonNode properties = input.schema() == null ? null : input.schema().path("properties");
        return properties != null && properties.path("scores").path("properties").has("0")
                && properties.has(WEAKNESSES);
    }

    public String answer(ChatInput input, SplittableRandom random) {
        String system = input.messages().stream().filter(t -> Turn.SYSTEM.equals(t.role())).map(Turn::content)
                .findFirst().orElse("");
        String user = input.messages().stream().filter(Turn::isUser).map(Turn::content)
                .reduce((a, b) -> b).orElse("");
        JsonNode rows = input.schema().path("properties").path("scores").path("properties");
        List<String> keys = new ArrayList<>();
        rows.fieldNames().forEachRemaining(keys::add);
        keys.sort(Comparator.comparingInt(JudgeSimulator::indexOf));
        List<String> criteria = criteria(system, keys.isEmpty() ? 0
                : rows.get(keys.get(0))
                        .path("maxItems").asInt(0));
        Matcher min = MIN_SCORE.matcher(system + "\n" + user);
        int minScore = min.find() ? Integer.parseInt(min.group(1)) : 6;
        Matcher task = TASK.matcher(user);
        String taskText = task.find() ? task.group(1) : "";
        Set<String> vocabulary = ValueSwapper.capitalisedWords(taskText);
        CellDirectives shared = CellDirectives.parse(SeedParser.between(user, SeedParser.DIRECTIVES_OPEN,
                SeedParser.DIRECTIVES_CLOSE));
        Map<Integer, JsonNode> examples = examples(user);

        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode scores = root.putObject("scores");
        ArrayNode weaknesses = root.putArray(WEAKNESSES);
        for (String key : keys) {
            int index = indexOf(key);
            JsonNode example = examples.get(index);
            List<Finding> findings = example == null ? List.of(new Finding(6, "The example is missing."))
                    : review(example, shared, vocabulary, taskText);
            ArrayNode row = scores.putArray(key);
            int penalty = findings.stream().mapToInt(Finding::points).sum();
            boolean low = false;
            for (String criterion : criteria) {
                boolean lenient = criterion.toLowerCase(Locale.ROOT).matches(".*(realism|clarity|fluency|style).*");
                int score = Math.max(1, Math.min(10, 8 + random.nextInt(3) - (lenient ? penalty / 2 : penalty)));
                low |= score < minScore;
                row.add(score);
            }
            if (low) {
                findings.stream().max(Comparator.comparingInt(Finding::points)).ifPresent(worst -> weaknesses
                        .addObject().put("example", index).put("weakness", worst.text()));
            }
        }
        return root.toString();
    }

    /**
     * The rubric's criteria in the order the rows want them, as the prompt lists them ({@code - name: meaning} lines
     * of the system message); when the prompt lists none, as many unnamed ones as a row holds.
     */
    static List<String> criteria(String prompt, int rowSize) {
        List<String> criteria = new ArrayList<>();
        Matcher listed = CRITERION.matcher(prompt);
        while (listed.find()) {
            criteria.add(listed.group(1));
        }
        if (criteria.isEmpty() || rowSize > 0 && criteria.size() != rowSize) {
            criteria.clear();
            for (int i = 0; i < Math.max(rowSize, 1); i++) {
                criteria.add("criterion_" + i);
            }
        }
        return criteria;
    }

    private static int indexOf(String key) {
        try {
            return Integer.parseInt(key.substring(key.lastIndexOf('_') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * The examples of the prompt: lines {@code i: {"messages": [...]}} (one per example), each under the last line
     * {@code Written for cell <id>:} above it, whose cell it is given as {@code "cell"}.
     */
    static Map<Integer, JsonNode> examples(String user) {
        Map<Integer, JsonNode> examples = new LinkedHashMap<>();
        String cell = null;
        for (String line : user.split("\\R")) {
            String l = line.strip();
            Matcher heading = CELL_HEADING.matcher(l);
            if (heading.matches()) {
                cell = heading.group(1);
                continue;
            }
            Matcher numbered = NUMBERED.matcher(l);
            if (!numbered.matches()) {
                continue;
            }
            try {
                JsonNode node = MAPPER.readTree(numbered.group(2));
                if (node instanceof ObjectNode example) {
                    if (cell != null && !example.has("cell")) {
                        example.put("cell", cell);
                    }
                    examples.put(Integer.parseInt(numbered.group(1)), example);
                }
            } catch (JsonProcessingException | NumberFormatException e) {
                // not an example line
            }
        }
        return examples;
    }

    /** Everything found wrong with one example. */
    static List<Finding> review(JsonNode node, CellDirectives shared, Set<String> vocabulary) {
        return review(node, shared, vocabulary, "");
    }

    /**
     * As above; {@code task} is the dataset's task as the prompt states it: what it names (tables, fields, allowed
     * values) is known to the assistant, so a tool argument taken from it comes from somewhere.
     */
    static List<Finding> review(JsonNode node, CellDirectives shared, Set<String> vocabulary, String task) {
        Example example;
        try {
            example = FormatCodec.read(node.has("messages") ? node : node.path("example"));
        } catch (RuntimeException e) {
            return List.of(new Finding(6, "The example cannot be read as a conversation."));
        }
        CellDirectives cell = directives(node, shared);
        List<Finding> findings = new ArrayList<>();
        structure(example, findings);
        consistency(example, vocabulary, task, findings);
        directives(example, cell, task, findings);
        return findings;
    }

    private static CellDirectives directives(JsonNode node, CellDirectives shared) {
        JsonNode own = node.get("directives");
        if ((own == null || own.isNull()) && node.path("cell").isTextual()) {
            return CellDirectives.fromCellId(node.get("cell").asText());
        }
        if (own == null || own.isNull()) {
            return shared;
        }
        if (own.isTextual()) {
            return CellDirectives.parse(own.asText());
        }
        StringBuilder lines = new StringBuilder();
        own.path("axes").fields().forEachRemaining(e -> lines.append("axis.").append(e.getKey()).append(": ")
                .append(e.getValue().asText()).append('\n'));
        own.fields().forEachRemaining(e -> {
            if (!"axes".equals(e.getKey()) && e.getValue().isValueNode()) {
                lines.append(e.getKey()).append(": ").append(e.getValue().asText()).append('\n');
            }
        });
        return CellDirectives.parse(lines.toString());
    }

    static void structure(Example example, List<Finding> findings) {
        List<Turn> turns = example.messages().stream().filter(t -> !Turn.SYSTEM.equals(t.role())).toList();
        if (turns.stream().noneMatch(Turn::isUser)) {
            findings.add(new Finding(6, "There is no user request."));
            return;
        }
        Turn last = turns.get(turns.size() - 1);
        if (!last.isAssistant() || last.hasToolCalls() || last.content().isBlank()) {
            findings.add(new Finding(6, "The conversation does not end with the assistant's answer."));
        }
        Set<String> open = new HashSet<>();
        String previous = null;
        Set<String> replies = new HashSet<>();
        for (Turn turn : turns) {
            if (turn.isUser() && Turn.USER.equals(previous)) {
                findings.add(new Finding(5, "Two user turns follow each other without an answer."));
            }
            if (turn.isAssistant() && !turn.hasToolCalls() && turn.content().isBlank()) {
                findings.add(new Finding(6, "An assistant turn is empty."));
            }
            if (turn.isAssistant() && !turn.hasToolCalls() && !turn.content().isBlank()
                    && !replies.add(Labels.normalise(turn.content()))) {
                findings.add(new Finding(5, "The assistant repeats an earlier reply word for word."));
            }
            for (Turn.ToolCall call : turn.toolCalls()) {
                open.add(call.id());
                if (json(call.arguments()) == null) {
                    findings.add(new Finding(6, "The arguments of " + call.name() + " are not valid JSON."));
                }
            }
            if (Turn.TOOL.equals(turn.role()) && !open.remove(turn.toolCallId())) {
                findings.add(new Finding(5, "A tool result answers no call."));
            }
            previous = turn.role();
        }
        if (!open.isEmpty()) {
            findings.add(new Finding(5, "A tool call gets no result."));
        }
    }

    static void consistency(Example example, Set<String> vocabulary, List<Finding> findings) {
        consistency(example, vocabulary, "", findings);
    }

    static void consistency(Example example, Set<String> vocabulary, String task, List<Finding> findings) {
        StringBuilder context = new StringBuilder();
        for (Turn turn : example.messages()) {
            if (turn.isUser() || Turn.TOOL.equals(turn.role()) || Turn.SYSTEM.equals(turn.role())) {
                context.append(turn.content()).append('\n');
            }
            if (turn.isAssistant()) {
                for (String wrong : Arithmetic.wrongEquations(turn.content())) {
                    findings.add(new Finding(5, "The arithmetic is wrong: " + wrong + "."));
                }
                Matcher weekday = ISO_WEEKDAY.matcher(turn.content());
                while (weekday.find()) {
                    if (!weekdayFits(weekday)) {
                        findings.add(new Finding(4, "The weekday does not fit the date " + weekday.group() + "."));
                    }
                }
                if (!turn.hasToolCalls() && findings.stream().noneMatch(f -> f.text().startsWith("The answer names"))) {
                    Matcher quoted = QUOTED.matcher(turn.content());
                    while (quoted.find()) {
                        String value = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
                        if (ValueSwapper.isTitle(value) && !grounded(value, context.toString(), vocabulary)) {
                            findings.add(new Finding(2, "The answer names '" + value
                                    + "', which the request never mentions."));
                            break;
                        }
                    }
                }
                for (Turn.ToolCall call : turn.toolCalls()) {
                    JsonNode arguments = json(call.arguments());
                    if (arguments != null && !argumentsGrounded(arguments, task + "\n" + context)) {
                        findings.add(new Finding(4, "The arguments of " + call.name()
                                + " do not come from the request."));
                    }
                }
            }
            context.append(turn.content()).append('\n');
        }
    }

    private static boolean weekdayFits(Matcher m) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return date.getDayOfWeek() == DayOfWeek.valueOf(m.group(4).toUpperCase(Locale.ROOT));
        } catch (DateTimeException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A value is grounded when the context holds it, or (for longer text) most of its words. */
    private static boolean grounded(String value, String context, Set<String> vocabulary) {
        String lowerContext = context.toLowerCase(Locale.ROOT);
        String lower = value.toLowerCase(Locale.ROOT).strip();
        if (lowerContext.contains(lower) || vocabulary.contains(value)) {
            return true;
        }
        int words = 0;
        int found = 0;
        Matcher m = WORD.matcher(lower);
        while (m.find()) {
            if (CODE_WORDS.contains(m.group())) {
                continue;
            }
            words++;
            if (lowerContext.contains(ExampleGenerator.stem(m.group()))) {
                found++;
            }
        }
        return words == 0 || found * 2 >= words;
    }

    /** At least a third of the argument values (strings and numbers) come from what was said before. */
    private static boolean argumentsGrounded(JsonNode arguments, String context) {
        List<String> leaves = new ArrayList<>();
        collect(arguments, leaves);
        if (leaves.isEmpty()) {
            return true;
        }
        long grounded = leaves.stream().filter(v -> grounded(v, context, Set.of())).count();
        return grounded * 3 >= leaves.size();
    }

    private static void collect(JsonNode node, List<String> leaves) {
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, leaves));
        } else if (node.isNumber() || node.isTextual() && node.asText().strip().length() >= 3) {
            leaves.add(node.asText());
        }
    }

    /**
     * Whether the example follows its cell. Of the axes whose values are a word or three while the answer is too, one
     * is the label the answer must give: the one whose value the task names among its answers ("positive, negative or
     * neutral"), else the one the answer gives, else the first; the others (a {@code domain=travel} beside
     * {@code label=negative}) are topics the example should reflect, not answers.
     */
    static void directives(Example example, CellDirectives cell, String task, List<Finding> findings) {
        if (cell == null || cell == CellDirectives.NONE) {
            return;
        }
        String userText = example.messages().stream().filter(Turn::isUser).map(Turn::content)
                .reduce("", (a, b) -> a + "\n" + b);
        String reply = Labels.finalReply(example);
        int users = (int) example.messages().stream().filter(Turn::isUser).count();
        if (cell.turns() > 0 && users != cell.turns()) {
            findings.add(new Finding(4, "The example has " + users + " user turns; its slice asks for "
                    + cell.turns() + "."));
        }
        String labelAxis = labelAxis(cell, reply, task == null ? "" : task);
        cell.axes().forEach((axis, value) -> {
            if ("style".equals(axis)) {
                return;
            }
            if (axis.equals(labelAxis)) {
                if (!Labels.answersWith(reply, value)) {
                    findings.add(new Finding(5, "The answer is '" + reply.strip() + "'; the slice asks for "
                            + value + "."));
                }
            } else if (ToneLexicon.isVoice(axis, value)) {
                if (!ToneLexicon.shows(userText, value)) {
                    findings.add(new Finding(3, "The user does not sound " + value + "."));
                }
            } else if (!ExampleWriter.mentions(userText + "\n" + reply, value)) {
                findings.add(new Finding(2, "The example does not reflect " + axis + " = " + value + "."));
            }
        });
    }

    private static String labelAxis(CellDirectives cell, String reply, String task) {
        if (!Labels.isLabel(reply)) {
            return null;
        }
        return Labels.labelAxis(cell.axes(), task, value -> false, value -> Labels.answersWith(reply, value));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
