package dev.seedforge.generator.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.CostEstimate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.ToolDefinitions;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Estimates a plan's cost before anything is spent: input tokens from the real prompts of each cell, output tokens
 * from the length of the seeds and what the examples carry besides (reasoning traces, rejected answers), the judge's
 * calls from its batch size, all priced with the configured table.
 */
public final class CostEstimator {

    /** The comma and line break between two examples of an answer, in tokens. */
    static final int SEPARATOR_TOKENS = 2;
    /** The judge's instructions and rubric, and the frame of its answer, per call, in tokens. */
    static final int JUDGE_INSTRUCTION_TOKENS = 300;
    static final int JUDGE_ANSWER_FRAME_TOKENS = 10;
    /**
     * The judge's answer per candidate: its index and a row of scores (two tokens a criterion), and for one that falls
     * short a weakness in a sentence; the example's index in the prompt.
     */
    static final int JUDGE_ROW_TOKENS = 3;
    static final int JUDGE_WEAKNESS_TOKENS = 19;
    static final int JUDGE_INDEX_TOKENS = 3;
    /**
     * Of a reasoning trace's token budget, the share a teacher is expected to write before anything is measured: the
     * prompt asks for "at most" the budget. A pilot call (a job that waits for approval) measures the real length.
     */
    static final double TRACE_SHARE_OF_BUDGET = 0.5;

    private CostEstimator() {
    }

    /**
     * The rates a plan expects before anything runs: the share of candidates the judge passes and the share of those
     * dedup finds duplicate. The yield (accepted and unique per candidate) is their product.
     */
    public record Rates(double judgePassRate, double duplicateRate, String method) {

        public double yield() {
            return judgePassRate * (1 - duplicateRate);
        }
    }

    /**
     * What pilot calls measured against what this estimator counts for the same calls: the provider's input tokens
     * over the prompts' own count, and the tokens the teacher wrote per example over the seeds' length, per complexity
     * level piloted (a teacher writes an edge case longer than a simple request) and over all of them for the levels
     * not piloted. A teacher that writes longer examples than the seeds (or a provider that counts differently) moves
     * every cell's estimate.
     */
    public record Calibration(double inputScale, double outputScale, Map<String, Double> outputByComplexity,
            String note) {

        public static final Calibration NONE = new Calibration(1, 1, null);
        /** A pilot's scale is kept within this factor of 1: one odd answer must not make the estimate absurd. */
        static final double MAX_SCALE = 4;

        public Calibration {
            outputByComplexity = outputByComplexity == null ? Map.of() : Map.copyOf(outputByComplexity);
        }

        public Calibration(double inputScale, double outputScale, String note) {
            this(inputScale, outputScale, Map.of(), note);
        }

        /** The output scale for a cell of this complexity level: its own pilot's, or all pilots' together. */
        public double outputScale(String complexity) {
            return outputByComplexity.getOrDefault(complexity == null ? "" : complexity, outputScale);
        }

        /** One pilot call: the cell's complexity and turns, its prompt, and what the provider counted. */
        public record Pilot(String complexity, int turns, GenerationPrompt prompt, long inputTokens, long outputTokens,
                int examples) {
        }

        public static Calibration fromPilot(GenerationPrompt prompt, int turns, double seedTokens, long inputTokens,
                long outputTokens, int examples) {
            return fromPilots(List.of(new Pilot(null, turns, prompt, inputTokens, outputTokens, examples)), seedTokens);
        }

        public static Calibration fromPilots(List<Pilot> pilots, double seedTokens) {
            return fromPilots(pilots, seedTokens, 0);
        }

        /**
         * As above, for a job whose examples carry more than their turns ({@link #extraTokensPerExample}): the
         * measured tokens are set against the same expectation the estimate makes.
         */
        public static Calibration fromPilots(List<Pilot> pilots, double seedTokens, double extraTokens) {
            List<Pilot> usable = pilots.stream().filter(p -> p.examples() > 0 && p.inputTokens() > 0
                    && p.outputTokens() > 0).toList();
            if (usable.isEmpty() || seedTokens <= 0) {
                return new Calibration(1, 1, "pilot " + (pilots.size() == 1 ? "call" : "calls")
                        + " kept no example: seed lengths as they are");
            }
            double counted = 0;
            long input = 0;
            long output = 0;
            double seedOutput = 0;
            int examples = 0;
            Map<String, Double> byComplexity = new java.util.LinkedHashMap<>();
            StringBuilder levels = new StringBuilder();
            for (Pilot pilot : usable) {
                counted += TokenCounter.o200k().countPrompt(pilot.prompt().system(), pilot.prompt().user());
                input += pilot.inputTokens();
                output += pilot.outputTokens();
                seedOutput += pilot.examples() * (pilot.turns() * seedTokens + extraTokens);
                examples += pilot.examples();
                double perExample = pilot.outputTokens() / (double) pilot.examples();
                if (pilot.complexity() != null) {
                    byComplexity.put(pilot.complexity(),
                            clamp(perExample / (pilot.turns() * seedTokens + extraTokens)));
                    levels.append(levels.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                            "%s %d at %.0f", pilot.complexity(), pilot.examples(), perExample));
                }
            }
            String note = usable.size() == 1
                    ? String.format(java.util.Locale.ROOT,
                            "pilot call: %d examples at %.0f tokens each (seeds %.0f), prompt %d tokens (counted %.0f)",
                            examples, output / (double) examples, seedOutput / examples, input, counted)
                    : String.format(java.util.Locale.ROOT,
                            "pilot calls: %d examples at %.0f tokens each (%s; seeds %.0f), prompts %d tokens"
                                    + " (counted %.0f)",
                            examples, output / (double) examples, levels, seedOutput / examples, input, counted);
            return new Calibration(clamp(input / counted), clamp(output / seedOutput), byComplexity, note);
        }

        private static double clamp(double scale) {
            return Math.max(1 / MAX_SCALE, Math.min(MAX_SCALE, scale));
        }
    }

    public static CostEstimate estimate(JobSpec spec, List<PlanCell> cells, PriceTable prices, double priorYield) {
        return estimate(spec, cells, prices, new Rates(priorYield, 0, "prior yield " + priorYield));
    }

    /**
     * As above, at the expected rates; with the judge off every candidate passes it. Prompts are counted with the
     * diversity levers the spec switches on (a persona and digests of the seeds stand in for the real ones).
     */
    public static CostEstimate estimate(JobSpec spec, List<PlanCell> cells, PriceTable prices, Rates expected) {
        return estimate(spec, cells, prices, expected, Calibration.NONE);
    }

    /** As above, with the tokens scaled as a pilot call measured them. */
    public static CostEstimate estimate(JobSpec spec, List<PlanCell> cells, PriceTable prices, Rates expected,
            Calibration calibration) {
        return estimate(spec, cells, prices, prices, expected, calibration);
    }

    /**
     * As above, the judge's calls at their own prices: the judge's model, at batch prices when the judge goes through
     * the batch API ({@code judge.mode} or the spec's {@code mode}), whatever the teacher does.
     */
    public static CostEstimate estimate(JobSpec spec, List<PlanCell> cells, PriceTable prices,
            PriceTable judgePrices, Rates expected, Calibration calibration) {
        boolean judged = spec.judge() == null || !Boolean.FALSE.equals(spec.judge().enabled());
        Rates rates = judged ? expected : new Rates(1.0, expected.duplicateRate(), expected.method());
        double priorYield = rates.yield();
        Diversity levers = typicalLevers(spec);
        double seedTokens = seedTokensPerTurn(spec.seeds(), spec.format());
        double extraTokens = extraTokensPerExample(spec);
        double ownToolTokens = ownToolTokensPerExample(spec);
        long calls = 0;
        long inputTokens = 0;
        long outputTokens = 0;
        long candidates = 0;
        long sequence = 1;
        long judgeCellTokens = 0;
        long judgedExampleTokens = 0;
        int judgeBatch = Math.max(spec.judge() == null ? dev.seedforge.contracts.JudgeSpec.DEFAULT.batchSize()
                : spec.judge().withDefaults().batchSize(), 1);
        for (PlanCell cell : cells) {
            long cellCandidates = (long) Math.ceil(cell.quota() / priorYield);
            long cellCalls = (cellCandidates + spec.examplesPerCall() - 1) / spec.examplesPerCall();
            int perCall = (int) Math.min(spec.examplesPerCall(), cellCandidates);
            // an evolving call shows the example it evolves: a seed stands in for it
            Conversation toEvolve = PilotCalls.willEvolve(cells, cell) && !spec.seeds().isEmpty() ? spec.seeds().get(0)
                    : null;
            GenerationPrompt prompt = PromptBuilder.build(spec, cell, sequence++, perCall, toEvolve, levers);
            double turns = PromptBuilder.averageTurns(spec, cell);
            calls += cellCalls;
            candidates += cellCandidates;
            inputTokens += (long) Math.ceil(cellCalls * calibration.inputScale()
                    * TokenCounter.o200k().countPrompt(prompt.system(), prompt.user()));
            outputTokens += (long) Math.ceil(cellCandidates * (turns * seedTokens + extraTokens)
                    * calibration.outputScale(cell.complexity()));
            judgedExampleTokens += (long) Math.ceil(cellCandidates * (turns * seedTokens
                    * calibration.outputScale(cell.complexity()) + ownToolTokens));
            // a judge call shows a cell's name once above its examples, which mostly come from one teacher call
            long headings = (cellCandidates + judgeBatch - 1) / judgeBatch;
            judgeCellTokens += cellCandidates * JUDGE_INDEX_TOKENS
                    + headings * TokenCounter.o200k().count("Written for cell " + cell.id() + ":\n");
        }
        long judgeCalls = 0;
        long judgeInput = 0;
        long judgeOutput = 0;
        if (Boolean.TRUE.equals(spec.judge().enabled())) {
            judgeCalls = (candidates + spec.judge().batchSize() - 1) / spec.judge().batchSize();
            judgeInput = judgeCalls * (JUDGE_INSTRUCTION_TOKENS + judgeContextTokens(spec)) + judgeCellTokens
                    + judgedExampleTokens;
            int criteria = spec.judge().withDefaults().rubric().size();
            judgeOutput = judgeCalls * JUDGE_ANSWER_FRAME_TOKENS + candidates * (JUDGE_ROW_TOKENS + 2L * criteria)
                    + (long) Math.ceil(candidates * (1 - rates.judgePassRate()) * JUDGE_WEAKNESS_TOKENS);
        }
        double teacherUsd = prices.cost(inputTokens, 0, outputTokens);
        double judgeUsd = judgePrices.cost(judgeInput, 0, judgeOutput);
        return new CostEstimate(calls, inputTokens, outputTokens, judgeCalls, teacherUsd, judgeUsd,
                teacherUsd + judgeUsd, prices.toString(), round(priorYield), round(rates.duplicateRate()),
                round(rates.judgePassRate()), candidates,
                calibration.note() == null ? rates.method() : rates.method() + "; " + calibration.note());
    }

    /** What every judge call shows besides the examples: the task, the tools and the shared system prompt. */
    static long judgeContextTokens(JobSpec spec) {
        TokenCounter counter = TokenCounter.o200k();
        long tokens = spec.task() == null ? 0 : counter.count(spec.task());
        if (spec.tools() != null && !spec.tools().isEmpty()) {
            tokens += counter.count(dev.seedforge.contracts.Json.MAPPER.valueToTree(spec.tools()).toString());
        }
        return tokens + (spec.systemPrompt() == null ? 0 : counter.count(spec.systemPrompt()));
    }

    private static double round(double rate) {
        return Math.round(rate * 1000) / 1000.0;
    }

    /** Levers as a call would carry them: a persona of the library's typical length, digests of the seeds. */
    static Diversity typicalLevers(JobSpec spec) {
        dev.seedforge.contracts.DiversitySpec levers = spec.diversity() == null
                ? dev.seedforge.contracts.DiversitySpec.DEFAULT
                : spec.diversity().withDefaults();
        List<String> personas = Personas.library();
        String persona = levers.personas() && !personas.isEmpty() ? personas.get(personas.size() / 2) : null;
        List<String> digests = levers.alreadyHave() ? DiversityLevers.digests(spec.seeds()) : List.of();
        return new Diversity(persona, digests.subList(0, Math.min(DiversityLevers.DIGESTS_PER_CALL, digests.size())),
                0, 0);
    }

    /**
     * Tokens of one turn of an example as the teacher writes it (a user turn and all that answers it): each seed as a
     * record of the job's format without system prompt and tools (what the prompt shows and the answer carries, so
     * tool calls, their arguments and results count too), over its user turns. Per turn, since a call asks for as many
     * turns as its cell says, whatever the seeds have: a conversation of five turns is not two seeds long.
     */
    public static double seedTokensPerTurn(List<Conversation> seeds, ExampleFormat format) {
        double total = 0;
        for (Conversation seed : seeds) {
            long userTurns = seed.messages().stream().filter(t -> ChatTurn.USER.equals(t.role())).count();
            total += (TokenCounter.o200k().count(format.forPrompt(seed).toString()) + SEPARATOR_TOKENS)
                    / (double) Math.max(1, userTurns);
        }
        return seeds.isEmpty() ? 0 : total / seeds.size();
    }

    /**
     * The estimated cost of one more teacher call of this prompt, for the budget check before it starts;
     * {@code exampleTokens} is what the teacher writes per example ({@link #outputPerExample}).
     */
    public static double callCost(GenerationPrompt prompt, double exampleTokens, PriceTable prices) {
        return prices.cost(TokenCounter.o200k().countPrompt(prompt.system(), prompt.user()), 0,
                (long) Math.ceil(prompt.count() * exampleTokens));
    }

    /**
     * What the budget holds for a teacher call of {@code count} examples: its estimate, or what the job's answered
     * calls cost per candidate they gave ({@code teacherUsd} over {@code candidates}), whichever is more. A teacher
     * that writes longer than the seeds, or gives fewer usable examples than asked, is held at the rate it really
     * costs, so the calls out near the end of a budget do not overrun it by their estimates' shortfall.
     */
    public static double callCommitment(double estimate, int count, double teacherUsd, long candidates) {
        return candidates <= 0 ? estimate : Math.max(estimate, count * teacherUsd / candidates);
    }

    /** The tokens the teacher is expected to write for one example of {@code turns} turns, before it is measured. */
    public static double outputPerExample(double turns, double seedTokens, double extraTokens) {
        return turns * seedTokens + extraTokens;
    }

    /**
     * What the teacher writes per example beyond its turns as the seeds show them: a reasoning trace, when the job
     * asks for one and no seed carries one ({@link #TRACE_SHARE_OF_BUDGET} of its budget), and a preference pair's
     * rejected answer (as long as the seeds' final answers), and an example's own tool list. A job without any of
     * them writes nothing more.
     */
    public static double extraTokensPerExample(JobSpec spec) {
        double extra = 0;
        ReasoningSpec reasoning = ReasoningSpec.of(spec);
        boolean seedsHaveTraces = spec.seeds().stream().flatMap(seed -> seed.messages().stream())
                .anyMatch(turn -> turn.reasoning() != null && !turn.reasoning().isBlank());
        if (reasoning.on() && !seedsHaveTraces) {
            extra += TRACE_SHARE_OF_BUDGET * reasoning.maxTokensOrDefault();
        }
        if (PreferenceSpec.on(spec)) {
            extra += averageFinalAnswerTokens(spec.seeds());
        }
        return extra + ownToolTokensPerExample(spec);
    }

    /**
     * The tokens of an example's own tool list, as long as the seeds' on average, for a job whose examples declare
     * their own ({@link JobSpec#perExampleTools()}): the teacher writes it and the judge reads it with the example.
     */
    public static double ownToolTokensPerExample(JobSpec spec) {
        if (!spec.perExampleTools() || spec.seeds().isEmpty()) {
            return 0;
        }
        double total = 0;
        for (Conversation seed : spec.seeds()) {
            total += TokenCounter.o200k().count(ToolDefinitions.asFunctionList(seed.tools()));
        }
        return total / spec.seeds().size();
    }

    private static double averageFinalAnswerTokens(List<Conversation> seeds) {
        double total = 0;
        int answered = 0;
        for (Conversation seed : seeds) {
            int reply = ChatTurn.finalReplyIndex(seed.messages());
            if (reply >= 0) {
                total += TokenCounter.o200k().count(seed.messages().get(reply));
                answered++;
            }
        }
        return answered == 0 ? 0 : total / answered;
    }

    /**
     * Spent so far for the budget check: the teacher's actual cost, the judge's actual cost of the candidates decided
     * ({@code judgedUsd} over {@code decided}, as the exporter's account holds them), and the judge's estimated cost of
     * those emitted and not yet decided. A judge dearer than its estimate is paid from the budget as soon as its
     * verdicts are counted, not only in the report.
     */
    public static double spentOrCommitted(double teacherUsd, double judgedUsd, long decided, long candidatesEmitted,
            CostEstimate plan, int examplesPerCall) {
        double judgePerCandidate = 0;
        if (plan != null && plan.teacherCalls() > 0) {
            judgePerCandidate = plan.judgeUsd() / (plan.teacherCalls() * (double) examplesPerCall);
        }
        return teacherUsd + judgedUsd + Math.max(0, candidatesEmitted - decided) * judgePerCandidate;
    }

    /**
     * A {@code max_candidates} below the candidates the target needs at the expected yield (duplicates and the judge's
     * rejections) will stop the job short of its target: said before it is approved; null when the cap leaves room.
     */
    public static FieldError candidateCapWarning(JobSpec spec, CostEstimate estimate) {
        if (spec.maxCandidates() == null || estimate == null || estimate.candidates() == null
                || estimate.candidates() <= spec.maxCandidates()) {
            return null;
        }
        return new FieldError("max_candidates", String.format(Locale.ROOT, "%d is below the about %d candidates the"
                + " target of %d needs at the expected yield of %.0f%%: the job may end short of its target; raise"
                + " max_candidates or lower target", spec.maxCandidates(), estimate.candidates(), spec.target(),
                100 * (estimate.expectedYield() == null ? 1 : estimate.expectedYield())));
    }

    /**
     * A plan whose estimate is above the job's {@code budget_usd} will stop when the budget is spent, short of its
     * target: said before the job is approved, with about how many examples the budget buys; null when it fits.
     */
    public static FieldError budgetWarning(JobSpec spec, CostEstimate estimate) {
        if (spec.budgetUsd() == null || estimate == null || estimate.totalUsd() <= spec.budgetUsd()) {
            return null;
        }
        long affordable = (long) Math.floor(spec.target() * spec.budgetUsd() / estimate.totalUsd());
        return new FieldError("budget_usd", String.format(Locale.ROOT, "$%.4f is below the estimate of $%.4f: the"
                + " job stops when the budget is spent, at about %d of its %d examples; raise budget_usd or lower"
                + " target", spec.budgetUsd(), estimate.totalUsd(), affordable, spec.target()));
    }
}
