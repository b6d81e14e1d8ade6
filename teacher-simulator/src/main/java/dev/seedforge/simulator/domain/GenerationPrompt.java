package dev.seedforge.simulator.domain;

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
public record GenerationPrompt(List<Example> seeds, int count, String directives, CellDirectives cell,
        List<ToolConversations.Tool> tools, Example toEvolve, MessageShape shape, ExampleFormat format, String task,
        String systemPrompt, List<String> alreadyHave, Double temperature, boolean alpacaInput) {

    public GenerationPrompt {
        seeds = List.copyOf(seeds);
        tools = tools == null ? List.of() : List.copyOf(tools);
        cell = cell == null ? CellDirectives.NONE : cell;
        shape = shape == null ? MessageShape.PLAIN : shape;
        alreadyHave = alreadyHave == null ? List.of() : List.copyOf(alreadyHave);
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

    /** Capitalised words of the task, the system prompt and the tools: the task's vocabulary, never swapped. */
    public Set<String> vocabulary() {
        Set<String> words = new HashSet<>(ValueSwapper.capitalisedWords(task, systemPrompt));
        tools.forEach(tool -> words.addAll(ValueSwapper.capitalisedWords(tool.description())));
        return words;
    }

    /**
     * The axis whose value is the answer's label, only when every seed shown answers in a word or three: the first
     * (style aside) whose value some seed answers with; else the first axis that does not name the user's voice, preferring one
     * whose value the task names (a task that says "positive, negative or neutral" has its label there, not in a
     * {@code domain} axis); else none. The seeds shown to one call need not answer with every label, so the fallback
     * decides more often than it seems.
     */
    public String labelAxis() {
        if (!Labels.classification(seeds)) {
            // "Completed task #5: 'Update onboarding checklist'" names "update" but is no label
            return null;
        }
        String fallback = null;
        String named = null;
        String context = task == null ? "" : task;
        for (var axis : cell.axes().entrySet()) {
            if ("style".equals(axis.getKey())) {
                continue;
            }
            if (seeds.stream().anyMatch(s -> Labels.answersWith(Labels.finalReply(s), axis.getValue()))) {
                return axis.getKey();
            }
            if (!ToneLexicon.VOICE_AXES.contains(axis.getKey().toLowerCase(java.util.Locale.ROOT))) {
                if (fallback == null) {
                    fallback = axis.getKey();
                }
                if (named == null && ExampleWriter.mentions(context, axis.getValue())) {
                    named = axis.getKey();
                }
            }
        }
        return named != null ? named : fallback;
    }

    /** Whether an axis asks for the user's voice (tone, mood): not the label, and a voice by name or value. */
    public boolean voiceAxis(String axis) {
        String value = cell.axis(axis);
        return value != null && !axis.equals(labelAxis()) && ToneLexicon.isVoice(axis, value);
    }
}
