package dev.seedforge.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Parses and checks job specs. The same code serves {@code POST /jobs}, the {@code generation-requests} topic and the
 * command line, so a bad spec gets the same message whichever way it came.
 */
public final class JobSpecs {

    /** Bounds that keep one request from exhausting a service; generous for real use. */
    public static final int MAX_TARGET = 1_000_000;
    public static final int MAX_SEEDS = 10_000;
    public static final int MAX_SPEC_CHARS = 20_000_000;

    /**
     * A spec that came over the network (no base directory) must not make a service read its own files: a path in it
     * would name any file on the server.
     */
    static final String NO_FILES_OVER_THE_NETWORK = "names a file, which a service does not read: a spec sent to"
            + " POST /jobs or generation-requests carries its examples inline (the seedforge CLI inlines the file"
            + " for you)";

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            // SnakeYAML's own default (3 MiB) would refuse a spec well under MAX_SPEC_CHARS as "not valid YAML"
            .loaderOptions(loaderOptions()).build())
            // YAML 1.1 reads `urgent: [yes, no]` as [true, false]: words stay words, and a field that takes true or
            // false still takes yes and no (BooleanWords)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .addModule(new SimpleModule("boolean-words").addDeserializer(Boolean.class, new BooleanWords(null))
                    .addDeserializer(boolean.class, new BooleanWords(false)))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // `reply_must_match: "^\\{"` means the list of that one pattern, as in most YAML configs people write
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // YAML keeps the last of a key written twice; in a long spec that silently drops what was written first
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** The spec's sections ({@code export}, {@code rules}, ...) and their fields: where a misplaced field belongs. */
    private static final Map<String, Collection<String>> SECTIONS = UnknownSpecFields
            .sectionsOf(YAML.getDeserializationConfig(), YAML.constructType(JobSpec.class));

    private JobSpecs() {
    }

    /** A field that takes true or false, written as YAML 1.1's words for them too: yes, no, on, off, y, n. */
    private static final class BooleanWords extends StdScalarDeserializer<Boolean> {

        private final Boolean nullValue;

        BooleanWords(Boolean nullValue) {
            super(Boolean.class);
            this.nullValue = nullValue;
        }

        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return parser.getBooleanValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                String word = parser.getText().strip().toLowerCase(java.util.Locale.ROOT);
                switch (word) {
                    case "true", "yes", "y", "on" -> {
                        return Boolean.TRUE;
                    }
                    case "false", "no", "n", "off" -> {
                        return Boolean.FALSE;
                    }
                    default -> {
                        return (Boolean) context.handleWeirdStringValue(Boolean.class, parser.getText(),
                                "not a word for true or false");
                    }
                }
            }
            return (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
        }

        @Override
        public Boolean getNullValue(DeserializationContext context) {
            return nullValue;
        }
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_SPEC_CHARS);
        return options;
    }

    /**
     * Parses a spec written in YAML or JSON, inlines its seed file (relative to {@code baseDir}) and checks it. Without
     * a {@code baseDir} (a spec received over the network) a file reference is an error.
     */
    public static JobSpec parse(String text, Path baseDir) {
        if (text == null || text.isBlank()) {
            throw new InvalidJobSpecException("spec", "is empty");
        }
        if (text.length() > MAX_SPEC_CHARS) {
            throw new InvalidJobSpecException("spec", "is " + text.length() + " characters; the limit is "
                    + MAX_SPEC_CHARS);
        }
        return fromTree(readTree(text, "spec"), baseDir);
    }

    /**
     * Reads YAML or JSON into a tree for {@code field} (a whole spec, or a resume's changes). A syntax error says what
     * is wrong and where, as SnakeYAML found it; a key written twice in one mapping is refused naming it.
     */
    public static JsonNode readTree(String text, String field) {
        try {
            return YAML.readTree(text);
        } catch (MismatchedInputException e) {
            String key = duplicateKey(e);
            if (key != null) {
                throw new InvalidJobSpecException(key, "is written twice; keep one" + location(e));
            }
            throw new InvalidJobSpecException(field, "is not valid YAML or JSON: " + firstLine(e.getOriginalMessage())
                    + location(e));
        } catch (JsonProcessingException e) {
            throw new InvalidJobSpecException(field, "is not valid YAML or JSON: " + syntaxProblem(e));
        }
    }

    /** The path of the key a {@code FAIL_ON_READING_DUP_TREE_KEY} refusal is about, or null for another mismatch. */
    private static String duplicateKey(MismatchedInputException e) {
        if (e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate field")
                || !(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser)) {
            return null;
        }
        String path = SpecPath.of(parser.getParsingContext());
        return path.isEmpty() ? null : path;
    }

    /**
     * SnakeYAML's problem and the place it was found ("found character '\t' that cannot start any token", line 5),
     * rather than Jackson's first line, which is often only the context ("while scanning for the next token").
     */
    private static String syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            String where = mark == null ? ""
                    : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
                            + ")";
            return marked.getProblem() + where + flowHint(marked.getProblem());
        }
        return firstLine(e.getOriginalMessage()) + location(e);
    }

    /**
     * What usually breaks a mapping or list written inline ({@code {role: user, content: Hi, there}}): SnakeYAML then
     * expects a comma or a closing bracket and names the token it found, which says nothing to whoever wrote the text.
     */
    private static String flowHint(String problem) {
        return problem.startsWith("expected ',' or '}'") || problem.startsWith("expected ',' or ']'")
                ? "; inside { } or [ ], a text holding a comma, a question mark or ': ' must be quoted"
                        + " (content: \"Yes, at 9:00?\")"
                : "";
    }

    /** Reads a spec file; seed files it names are resolved beside it. */
    public static JobSpec load(Path file) throws IOException {
        return parse(TextFiles.read(file, "spec"), file.toAbsolutePath().getParent());
    }

    /** Checks an already parsed tree (the {@code spec} of a {@link JobRequest}, say). */
    public static JobSpec fromTree(JsonNode tree, Path baseDir) {
        if (tree == null || !tree.isObject()) {
            throw new InvalidJobSpecException("spec", "must be a mapping of fields (task, format, seeds, target, ...)");
        }
        List<FieldError> unstorable = new ArrayList<>();
        findUnstorableText(tree, "", unstorable);
        if (!unstorable.isEmpty()) {
            throw new InvalidJobSpecException(unstorable);
        }
        JobSpec spec = read(tree);
        spec = systemPromptsFromSeeds(toolsFromSeeds(inlineReferenceFiles(inlineSeedsFile(spec, baseDir), baseDir)));
        List<FieldError> errors = validate(spec);
        if (!errors.isEmpty()) {
            throw new InvalidJobSpecException(errors);
        }
        return spec.withDefaults();
    }

    /** Most values of the wrong kind a spec is read past, one at a time, to name them all. */
    private static final int MAX_WRONG_KINDS = 20;

    /**
     * The spec's fields mapped, or every unknown field and value of the wrong kind refused at once, in the order they
     * stand in the spec: a field of the wrong kind is left out and the spec read again, so the next one is found too.
     */
    private static JobSpec read(JsonNode tree) {
        List<FieldError> wrongKinds = new ArrayList<>();
        JsonNode reading = tree;
        while (true) {
            UnknownSpecFields unknown = new UnknownSpecFields(SECTIONS);
            JsonMappingException failure;
            try {
                JobSpec spec = YAML.readerFor(JobSpec.class).withHandler(unknown).readValue(reading);
                List<FieldError> errors = unknown.errors();
                if (errors.isEmpty() && wrongKinds.isEmpty()) {
                    return spec;
                }
                throw refusal(tree, errors, wrongKinds, null);
            } catch (MismatchedInputException e) {
                wrongKinds.add(new FieldError(path(e), mismatch(e, reading)));
                failure = e;
            } catch (JsonMappingException e) {
                throw refusal(tree, unknown.errors(), wrongKinds, new FieldError(path(e), cause(e)));
            } catch (IOException e) {
                throw refusal(tree, unknown.errors(), wrongKinds, new FieldError("spec", firstLine(e.getMessage())));
            }
            JsonNode rest = wrongKinds.size() < MAX_WRONG_KINDS ? without(reading, failure.getPath()) : null;
            if (rest == null) {
                throw refusal(tree, unknown.errors(), wrongKinds, null);
            }
            reading = rest;
        }
    }

    private static InvalidJobSpecException refusal(JsonNode tree, List<FieldError> unknown,
            List<FieldError> wrongKinds, FieldError failure) {
        List<FieldError> errors = new ArrayList<>(unknown);
        errors.addAll(wrongKinds);
        if (failure != null) {
            errors.add(failure);
        }
        return new InvalidJobSpecException(UnknownSpecFields.inSpecOrder(errors, tree));
    }

    /** A copy of the tree without the field at {@code path}; null when the path does not end in a field's name. */
    private static JsonNode without(JsonNode tree, List<JsonMappingException.Reference> path) {
        if (path.isEmpty() || path.get(path.size() - 1).getFieldName() == null) {
            return null;
        }
        JsonNode copy = tree.deepCopy();
        JsonNode holder = copy;
        for (JsonMappingException.Reference step : path.subList(0, path.size() - 1)) {
            holder = step.getFieldName() != null ? holder.get(step.getFieldName()) : holder.get(step.getIndex());
            if (holder == null) {
                return null;
            }
        }
        if (!(holder instanceof com.fasterxml.jackson.databind.node.ObjectNode object)
                || object.remove(path.get(path.size() - 1).getFieldName()) == null) {
            return null;
        }
        return copy;
    }

    /** 10 rather than 10.0, 0.1 rather than 0.10000000000000001. */
    private static String plain(double value) {
        return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** Every problem of a spec, not just the first, so a user fixes them in one go. */
    public static List<FieldError> validate(JobSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.task() == null || spec.task().isBlank()) {
            errors.add(new FieldError("task", "is required: describe what the fine-tuned model should do"));
        }
        if (spec.format() == null) {
            errors.add(new FieldError("format", "is required: one of sharegpt, openai, alpaca"));
        }
        if (spec.target() == null) {
            errors.add(new FieldError("target", "is required: how many examples the dataset should hold"));
        } else if (spec.target() <= 0) {
            errors.add(new FieldError("target", "must be at least 1, got " + spec.target()));
        } else if (spec.target() > MAX_TARGET) {
            errors.add(new FieldError("target", "must be at most " + MAX_TARGET + ", got " + spec.target()));
        }
        if (spec.review() != null && (spec.review().sample() == null || spec.review().sample() < 1)) {
            errors.add(new FieldError("review.sample", "must be at least 1 example per cell, got "
                    + spec.review().sample()));
        }
        if (spec.seeds().isEmpty()) {
            errors.add(new FieldError("seeds", "at least one seed example is required (inline, or in seeds_file)"));
        } else if (spec.seeds().size() > MAX_SEEDS) {
            errors.add(new FieldError("seeds", "at most " + MAX_SEEDS + " seeds, got " + spec.seeds().size()));
        }
        for (int i = 0; i < spec.seeds().size(); i++) {
            Conversation seed = spec.seeds().get(i);
            boolean hasUser = seed.messages().stream().anyMatch(m -> ChatTurn.USER.equals(m.role()));
            boolean hasAssistant = seed.messages().stream().anyMatch(m -> ChatTurn.ASSISTANT.equals(m.role()));
            if (!hasUser || !hasAssistant) {
                errors.add(new FieldError("seeds[" + i + "]", "needs a user turn and an assistant turn"));
            }
            for (int t = 0; t < seed.messages().size(); t++) {
                ChatTurn turn = seed.messages().get(t);
                if (ChatTurn.ASSISTANT.equals(turn.role()) && (turn.content() == null || turn.content().isBlank())
                        && turn.toolCalls().isEmpty()) {
                    errors.add(new FieldError("seeds[" + i + "]", "turn " + (t + 1) + " (assistant) is empty: the"
                            + " teacher would imitate it, and the validator rejects every empty turn (empty_turn)"));
                }
            }
        }
        if (spec.systemPrompt() != null && spec.systemPrompts() != null && !spec.systemPrompts().isEmpty()) {
            errors.add(new FieldError("system_prompts", "give system_prompt (one for every example) or"
                    + " system_prompts (several, in turn), not both: system_prompt would be ignored"));
        }
        if (spec.validationRatio() != null && (spec.validationRatio() < 0 || spec.validationRatio() >= 1)) {
            errors.add(new FieldError("validation_ratio", "must be in [0, 1), got " + spec.validationRatio()
                    + (spec.validationRatio() >= 1 && spec.validationRatio() < 100
                            ? " (a share: " + plain(spec.validationRatio() / 100) + " for " + plain(spec.validationRatio())
                                    + "%)"
                            : "")));
        }
        if (spec.examplesPerCall() != null && (spec.examplesPerCall() < 1 || spec.examplesPerCall() > 50)) {
            errors.add(new FieldError("examples_per_call", "must be between 1 and 50, got " + spec.examplesPerCall()));
        }
        if (spec.export() != null && spec.export().gate() != null && spec.export().gate().minCount() != null
                && spec.target() != null && spec.export().gate().minCount() > spec.target()) {
            errors.add(new FieldError("export.gate.min_count", "must be at most target (" + spec.target()
                    + "), got " + spec.export().gate().minCount() + ": the dataset holds target examples, so the gate"
                    + " could never pass"));
        }
        if (spec.maxCandidates() != null && spec.target() != null && spec.maxCandidates() < spec.target()) {
            errors.add(new FieldError("max_candidates", "must be at least target (" + spec.target() + "), got "
                    + spec.maxCandidates()));
        }
        if (spec.temperature() != null && (spec.temperature() < 0 || spec.temperature() > 2)) {
            errors.add(new FieldError("temperature", "must be between 0 and 2, got " + spec.temperature()));
        }
        if (spec.name() != null && !spec.name().matches("[A-Za-z0-9._-]{1,64}")) {
            errors.add(new FieldError("name", "use 1 to 64 letters, digits, '.', '_' or '-', got '" + spec.name() + "'"));
        }
        SpecRules.validateExtensions(spec, errors);
        return errors;
    }

    /**
     * A spec without {@code tools} whose seeds all carry one and the same tool list (an OpenAI fine-tuning file
     * repeats it on every line) takes that list as the job's: the seeds already say which tools an example may call.
     * Seeds with lists that differ (Glaive's, each its own) make a job whose examples declare their own tools, unless
     * the spec says {@code tools_per_example: false} (then their calls are refused by name).
     */
    static JobSpec toolsFromSeeds(JobSpec spec) {
        if ((spec.tools() != null && !spec.tools().isEmpty()) || spec.perExampleTools()) {
            return spec;
        }
        List<JsonNode> first = null;
        Set<JsonNode> functions = null;
        for (Conversation seed : spec.seeds()) {
            List<JsonNode> tools;
            try {
                tools = seed.tools();
            } catch (IllegalArgumentException unreadable) {
                return spec;
            }
            if (tools.isEmpty()) {
                continue;
            }
            Set<JsonNode> these = tools.stream().map(ToolDefinitions::functionOf).collect(Collectors.toSet());
            if (first == null) {
                first = tools;
                functions = these;
            } else if (!functions.equals(these)) {
                return spec.toolsPerExample() == null ? spec.toBuilder().toolsPerExample(true).build() : spec;
            }
        }
        return first == null ? spec : spec.toBuilder().tools(List.copyOf(first)).build();
    }

    /**
     * A spec without {@code system_prompt} or {@code system_prompts} whose seeds each carry their own system prompt
     * (a persona, a company) gives its examples those: the one they share as {@code system_prompt}, or the different
     * ones, in order of first use, as {@code system_prompts}, each call's examples written for one of them. Without
     * this every example would lose the system prompt its seeds were written under.
     */
    static JobSpec systemPromptsFromSeeds(JobSpec spec) {
        if (spec.systemPrompt() != null || (spec.systemPrompts() != null && !spec.systemPrompts().isEmpty())
                || spec.seeds().isEmpty()) {
            return spec;
        }
        Set<String> prompts = new java.util.LinkedHashSet<>();
        for (Conversation seed : spec.seeds()) {
            String own = seed.systemPrompt();
            if (own == null || own.isBlank()) {
                return spec;
            }
            prompts.add(own.strip());
        }
        return prompts.size() == 1 ? spec.toBuilder().systemPrompt(prompts.iterator().next()).build()
                : spec.toBuilder().systemPrompts(List.copyOf(prompts)).build();
    }

    private static JobSpec inlineReferenceFiles(JobSpec spec, Path baseDir) {
        if (spec.dedup() == null || spec.dedup().references().stream().allMatch(r -> r.file() == null)) {
            return spec;
        }
        List<ReferenceSet> references = new ArrayList<>();
        for (int i = 0; i < spec.dedup().references().size(); i++) {
            ReferenceSet reference = spec.dedup().references().get(i);
            if (reference.file() == null) {
                references.add(reference);
                continue;
            }
            String field = "dedup.references[" + i + "].file";
            if (baseDir == null) {
                throw new InvalidJobSpecException(field, NO_FILES_OVER_THE_NETWORK);
            }
            Path file = baseDir.resolve(reference.file());
            if (!Files.isReadable(file)) {
                throw new InvalidJobSpecException(field, "cannot read '" + reference.file() + "' (resolved to "
                        + file.toAbsolutePath() + ")");
            }
            List<Conversation> examples = new ArrayList<>(reference.examples());
            examples.addAll(SeedFiles.read(file, field));
            references.add(new ReferenceSet(reference.name(), reference.purpose(), null, examples));
        }
        DedupSpec dedup = spec.dedup();
        return spec.toBuilder().dedup(new DedupSpec(dedup.compare(), dedup.lexicalThreshold(),
                dedup.semanticThreshold(), references)).build();
    }

    private static JobSpec inlineSeedsFile(JobSpec spec, Path baseDir) {
        if (spec.seedsFile() == null) {
            return spec;
        }
        if (baseDir == null) {
            throw new InvalidJobSpecException("seeds_file", NO_FILES_OVER_THE_NETWORK);
        }
        Path file = baseDir.resolve(spec.seedsFile());
        if (!Files.isReadable(file)) {
            throw new InvalidJobSpecException("seeds_file", "cannot read '" + spec.seedsFile()
                    + "' (resolved to " + file.toAbsolutePath() + "); inline the seeds or submit with the seedforge CLI,"
                    + " which reads the file beside the spec");
        }
        List<Conversation> seeds = new ArrayList<>(spec.seeds());
        seeds.addAll(SeedFiles.read(file, "seeds_file"));
        return spec.toBuilder().seeds(seeds).seedsFile(null).build();
    }

    /**
     * Text no service can keep: U+0000 (PostgreSQL text refuses it) and a lone UTF-16 surrogate (not encodable in
     * UTF-8). Any other character, control characters included, is data and is kept as it came.
     */
    private static void findUnstorableText(JsonNode node, String path, List<FieldError> errors) {
        if (errors.size() >= 20) {
            return;
        }
        if (node.isTextual()) {
            String text = node.asText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                String problem = null;
                if (c == 0) {
                    problem = "U+0000 (NUL)";
                } else if (Character.isHighSurrogate(c)
                        && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                        || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                    problem = String.format(java.util.Locale.ROOT, "a lone surrogate U+%04X", (int) c);
                }
                if (problem != null) {
                    errors.add(new FieldError(path.isEmpty() ? "spec" : path, "contains " + problem + " at character "
                            + i + ", which cannot be stored; remove it"));
                    return;
                }
            }
        } else if (node.isObject()) {
            node.properties().forEach(field -> findUnstorableText(field.getValue(),
                    SpecPath.field(path, field.getKey()), errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findUnstorableText(node.get(i), SpecPath.element(path, i), errors);
            }
        }
    }

    private static String path(JsonMappingException e) {
        String path = SpecPath.of(e.getPath());
        return path.isEmpty() ? "spec" : path;
    }

    /**
     * A value of the wrong kind, said in the spec's terms ("must be a whole number, got 'ten'") rather than in Java
     * types; a kind this does not know keeps Jackson's own message.
     */
    private static String mismatch(MismatchedInputException e, JsonNode tree) {
        Class<?> target = e.getTargetType();
        String expected;
        if (target == null) {
            return cause(e);
        } else if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            expected = "a list";
        } else if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            expected = "a whole number";
        } else if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
            expected = "a number";
        } else if (target == Boolean.class || target == boolean.class) {
            expected = "true or false";
        } else if (target == String.class) {
            expected = "text";
        } else if (java.util.Map.class.isAssignableFrom(target) || target.isRecord()) {
            expected = "a mapping of fields";
        } else {
            return cause(e);
        }
        JsonNode found = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            found = found == null ? null
                    : ref.getFieldName() != null ? found.get(ref.getFieldName())
                            : found.get(ref.getIndex());
        }
        return "must be " + expected + (found == null ? "" : ", got " + describe(found));
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            return "'" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isNull() ? "nothing" : value.toString();
    }

    private static String cause(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : root.getMessage();
        return firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
