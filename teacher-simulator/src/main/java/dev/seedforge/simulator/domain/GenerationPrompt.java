package dev.seedforge.simulator.domain;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.seedforge.contracts.ExampleFormat;

/**
 * What a generation request asks for (teacher wire protocol v2): the seeds to imitate, how many examples, the plan
 * cell read from the directives, tool definitions, an example to evolve, the task and system prompt (whose words are
 * the task's own vocabulary), the job's format ({@code null}: the legacy {@code messages} answer shaped by the
 * response schema), the digests of examples the cell already has, and the sampling temperature.
 *
 * @param alpacaInput whether the seeds carry an Alpaca {@code input} apart from the {@code instruction}
 */
public final class GenerationPrompt {

    private final List<Example> seeds;
    private final int count;
    private final String directives;
    private final CellDirectives cell;
    private final List<ToolConversations.Tool> tools;
    private final List<ToolConversations.Tool> seedTools;
    private final Example toEvolve;
    private final MessageShape shape;
    private final ExampleFormat format;
    private final String task;
    private final String systemPrompt;
    private final List<String> alreadyHave;
    private final Double temperature;
    private final boolean alpacaInput;
    /**
     * What every example of the request derives from the prompt alone (its vocabulary, label axis, task words, the
     * digests' words): worked out once per request, not once per example and attempt (a third of the simulator's CPU
     * went to regular expressions over the same task and system prompt, bench/README.md).
     */
    private volatile Derived derived;

    private record Derived(Set<String> vocabulary, String labelAxis, List<String> situationWords,
            Set<String> nounWords, List<Set<String>> alreadyHaveWords, ValueSwapper.FixedValues fixedToolValues) {
    }

    public GenerationPrompt(List<Example> seeds, int count, String directives, CellDirectives cell,
            List<ToolConversations.Tool> tools, Example toEvolve, MessageShape shape, ExampleFormat format, String task,
            String systemPrompt, List<String> alreadyHave, Double temperature, boolean alpacaInput) {
        this.seeds = List.copyOf(seeds);
        this.count = count;
        this.directives = directives;
        this.cell = cell == null ? CellDirectives.NONE : cell;
        this.tools = tools == null ? List.of() : List.copyOf(tools);
        this.seedTools = this.seeds.stream().flatMap(seed -> seed.tools().stream()).distinct().toList();
        this.toEvolve = toEvolve;
        this.shape = shape == null ? MessageShape.PLAIN : shape;
        this.format = format;
        this.task = task;
        this.systemPrompt = systemPrompt;
        this.alreadyHave = alreadyHave == null ? List.of() : List.copyOf(alreadyHave);
        this.temperature = temperature;
        this.alpacaInput = alpacaInput;
    }

    public GenerationPrompt(List<Example> seeds, int count, String directives, CellDirectives cell,
            List<ToolConversations.Tool> tools, Example toEvolve, MessageShape shape) {
        this(seeds, count, directives, cell, tools, toEvolve, shape, null, null, null, List.of(), null, false);
    }

    public GenerationPrompt(List<Example> seeds, int count, String directives) {
        this(seeds, count, directives, CellDirectives.parse(directives), List.of(), null, MessageShape.PLAIN);
    }

    public GenerationPrompt withTemperature(Double newTemperature) {
        return new GenerationPrompt(seeds, count, directives, cell, tools, toEvolve, shape, format, task, systemPrompt,
                alreadyHave, newTemperature, alpacaInput);
    }

    public List<Example> seeds() {
        return seeds;
    }

    public int count() {
        return count;
    }

    public String directives() {
        return directives;
    }

    public CellDirectives cell() {
        return cell;
    }

    public List<ToolConversations.Tool> tools() {
        return tools;
    }

    /** Whether each example declares its own tools ({@code tool_lists: per example}) rather than the job's list. */
    public boolean toolsPerExample() {
        return cell.toolsPerExample();
    }

    /** The tools the seeds declare themselves, each definition once (with {@code tool_lists: per example}). */
    public List<ToolConversations.Tool> seedTools() {
        return seedTools;
    }

    /** Every tool the prompt shows, the job's and the seeds' own: their words are the task's. */
    public List<ToolConversations.Tool> toolsShown() {
        if (seedTools.isEmpty()) {
            return tools;
        }
        return java.util.stream.Stream.concat(tools.stream(), seedTools.stream()).distinct().toList();
    }

    public Example toEvolve() {
        return toEvolve;
    }

    public MessageShape shape() {
        return shape;
    }

    public ExampleFormat format() {
        return format;
    }

    public String task() {
        return task;
    }

    public String systemPrompt() {
        return systemPrompt;
    }

    public List<String> alreadyHave() {
        return alreadyHave;
    }

    public Double temperature() {
        return temperature;
    }

    public boolean alpacaInput() {
        return alpacaInput;
    }

    private Derived derived() {
        Derived known = derived;
        if (known == null) {
            // unmodifiable views, not copies: the sets keep the order their examples were written with
            known = new Derived(Collections.unmodifiableSet(vocabularyOf()), labelAxisOf(),
                    List.copyOf(Situations.taskWords(task, systemPrompt)),
                    Collections.unmodifiableSet(ExampleWriter.taskWords(this)),
                    alreadyHave.stream().map(ExampleWriter::wordSet).toList(),
                    ValueSwapper.FixedValues.of(java.util.stream.Stream.concat(tools.stream(), seedTools.stream())
                            .flatMap(tool -> tool.fixedValues().stream()).collect(java.util.stream.Collectors.toSet())));
            derived = known;
        }
        return known;
    }

    /** Capitalised words of the task, the system prompt and the tools: the task's vocabulary, never swapped. */
    public Set<String> vocabulary() {
        return derived().vocabulary();
    }

    /** Lower-case nouns of the task and the system prompt, for the situations a request tells ({@link Situations}). */
    public List<String> situationWords() {
        return derived().situationWords();
    }

    /** The words of the task, the system prompt and the tools that {@link NounSwapper} keeps. */
    public Set<String> nounWords() {
        return derived().nounWords();
    }

    /**
     * The values the job's tools and the seeds' own allow alone (their enums and consts), which {@link ValueSwapper}
     * keeps as written: a model does not renumber an {@code EAN-13} it was given as one of a parameter's values.
     */
    public ValueSwapper.FixedValues fixedToolValues() {
        return derived().fixedToolValues();
    }

    /** The words of each digest of {@link #alreadyHave()}, normalised as an example's digest is. */
    public List<Set<String>> alreadyHaveWords() {
        return derived().alreadyHaveWords();
    }

    private Set<String> vocabularyOf() {
        Set<String> words = new HashSet<>(ValueSwapper.capitalisedWords(task, systemPrompt));
        toolsShown().forEach(tool -> words.addAll(ValueSwapper.capitalisedWords(tool.description())));
        return words;
    }

    /**
     * The axis whose value is the answer's label, only when every seed shown answers in a word or three
     * ({@link Labels#labelAxis} says which).
     */
    public String labelAxis() {
        return derived().labelAxis();
    }

    private String labelAxisOf() {
        if (!Labels.classification(seeds)) {
            // "Completed task #5: 'Update onboarding checklist'" names "update" but is no label
            return null;
        }
        return Labels.labelAxis(cell.axes(), task,
                value -> seeds.stream().anyMatch(s -> Labels.answersWith(Labels.finalReply(s), value)), value -> false);
    }

    /** Whether an axis asks for the user's voice (tone, mood): not the label, and a voice by name or value. */
    public boolean voiceAxis(String axis) {
        String value = cell.axis(axis);
        return value != null && !axis.equals(labelAxis()) && ToneLexicon.isVoice(axis, value);
    }
}
