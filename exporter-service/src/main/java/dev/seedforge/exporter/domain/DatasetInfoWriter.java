package dev.seedforge.exporter.domain;

import java.util.List;
import java.util.Locale;

import dev.seedforge.contracts.ExampleFormat;

/**
 * Renders {@code dataset_info.txt}: the summary a person reads first, laid out like the summary classic dataset
 * generators print (files, totals, lengths, system prompts, multi-turn share, categories, next steps). Everything in
 * it comes from the quality report.
 */
public final class DatasetInfoWriter {

    private static final String RULE = "=".repeat(72);
    private static final int PROMPT_PREVIEW = 90;

    public String render(QualityReport report, List<DatasetFile> files) {
        StringBuilder out = new StringBuilder();
        QualityReport.Counts counts = report.counts();
        out.append(RULE).append('\n');
        line(out, "SeedForge dataset: %s", report.name());
        out.append(RULE).append('\n');
        line(out, "Job:            %s", report.jobId());
        line(out, "Format:         %s", report.format().id());
        line(out, "Generated at:   %s", report.generatedAt());
        line(out, "Quality gate:   %s", report.gate().passed() ? "PASSED" : "FAILED");
        report.gate().failures().forEach(f -> line(out, "                - %s", f));
        report.gate().warnings().forEach(w -> line(out, "                warning: %s", w));

        section(out, "FILES");
        for (DatasetFile file : files) {
            String unit = file.name().endsWith(".jsonl")
                    ? (DatasetFile.REJECTED.equals(file.name()) ? "records" : "examples")
                    : "lines";
            line(out, "  %-22s %8d %s", file.name(), file.lines(), unit);
        }

        section(out, "TOTALS");
        line(out, "  %-22s %8d", "candidates emitted", counts.candidatesEmitted());
        line(out, "  %-22s %8d", "outcomes received", counts.outcomes());
        line(out, "  %-22s %8d", "accepted (unique)", counts.accepted());
        line(out, "  %-22s %8d", "rejected", counts.rejected());
        line(out, "  %-22s %8d  (%.3f of unique-or-duplicate candidates: generation waste)", "duplicates",
                counts.duplicates(), report.candidateDuplicateRatio());
        line(out, "  %-22s %8d  (train %d, validation %d, surplus kept out %d)", "exported", counts.exported(),
                counts.train(), counts.validation(), counts.surplus());
        line(out, "  %-22s %8d  (ratio %.3f of the exported set, judged by the gate)", "duplicates exported",
                report.exportedDuplicates().duplicates(), report.exportedDuplicates().ratio());
        if (!report.rejectionReasons().isEmpty()) {
            line(out, "  rejection reasons:");
            report.rejectionReasons().forEach((code, n) -> line(out, "    %-20s %8d", code, n));
        }
        if (!report.duplicatesByMethod().isEmpty()) {
            line(out, "  duplicates by method:");
            report.duplicatesByMethod().forEach((method, n) -> line(out, "    %-20s %8d", method, n));
        }

        section(out, "AVERAGE LENGTHS (exported examples, " + report.tokens().encoding() + " tokens)");
        line(out, "  %-22s %8s %10s %10s", "", "turns", "chars", "tokens");
        lengths(out, "user turns", report.lengths().user());
        lengths(out, "assistant turns", report.lengths().assistant());
        Statistics perExample = report.tokens().perExample();
        line(out, "  tokens per example: min %d, mean %.1f, p50 %d, p95 %d, max %d", perExample.min(),
                perExample.mean(), perExample.p50(), perExample.p95(), perExample.max());
        QualityReport.ReasoningTokens reasoning = report.tokens().reasoning();
        if (reasoning != null) {
            line(out, "  reasoning traces (apart from the above): %d, tokens per trace mean %.1f, p95 %d, max %d;"
                    + " per example mean %.1f; %.1f%% of all tokens", reasoning.traces(), reasoning.perTrace().mean(),
                    reasoning.perTrace().p95(), reasoning.perTrace().max(), reasoning.perExample().mean(),
                    100 * reasoning.share());
        }

        if (report.preference() != null) {
            section(out, "PREFERENCE PAIRS");
            line(out, "  %d pairs (a prompt, a chosen and a rejected answer); by failure mode:",
                    report.preference().pairs());
            report.preference().byFailureMode().forEach((mode, n) -> line(out, "    %-22s %8d", mode, n));
            line(out, "  files: TRL %s, LLaMA-Factory %s (ranking), OpenAI %s", PreferenceExport.TRL_TRAIN,
                    PreferenceExport.LLAMA_FACTORY_TRAIN, PreferenceExport.OPENAI_TRAIN);
        }

        section(out, "SYSTEM PROMPT VARIATIONS");
        long distinct = report.systemPrompts().stream().filter(p -> p.prompt() != null).count();
        line(out, "  %d distinct system prompt(s)", distinct);
        for (QualityReport.PromptCount prompt : report.systemPrompts()) {
            line(out, "  %8d  %s", prompt.examples(), preview(prompt.prompt()));
        }

        section(out, "MULTI-TURN CONVERSATIONS");
        line(out, "  %d of %d examples (%.1f%%) have more than one user turn", report.multiTurn().examples(),
                counts.exported(), 100 * report.multiTurn().share());

        section(out, "CATEGORY DISTRIBUTION (plan cells: exported / quota)");
        for (QualityReport.CellRow cell : report.plan().cells()) {
            line(out, "  %-40s %6d / %-6d %5.1f%%", cell.id(), cell.exported(), cell.quota(),
                    counts.exported() == 0 ? 0.0 : 100.0 * cell.exported() / counts.exported());
        }
        report.plan().axes().forEach((axis, values) -> {
            line(out, "  %s:", axis);
            values.forEach((value, p) -> line(out, "    %-38s %6d / %-6d", value, p.exported(), p.planned()));
        });
        if (!report.plan().complexity().isEmpty()) {
            line(out, "  complexity:");
            report.plan().complexity()
                    .forEach((value, p) -> line(out, "    %-38s %6d / %-6d", value, p.exported(), p.planned()));
        }

        if (!report.judgeScores().isEmpty()) {
            section(out, "JUDGE SCORES (every judged candidate)");
            report.judgeScores().forEach((criterion, d) -> line(out, "  %-22s mean %.2f over %d, min %d, max %d",
                    criterion, d.mean(), d.count(), d.min(), d.max()));
        }

        section(out, "DIVERSITY AND SPLIT");
        line(out, "  semantic diversity:   %s", report.diversity().score() == null ? "unknown (no similarities from dedup)"
                : String.format(Locale.ROOT, "%.3f (1 - mean nearest-neighbour similarity over %d examples)",
                        report.diversity().score(), report.diversity().examplesMeasured()));
        line(out, "  split:                seed %d, related at >= %.2f kept together (%d groups, largest %d)",
                report.split().seed(), report.split().relatedThreshold(), report.split().groups(),
                report.split().largestGroup());
        line(out, "  largest validation-train similarity: %s", report.split().largestCrossSplitSimilarityText());
        line(out, "  %s", report.split().note());

        section(out, "COST");
        line(out, "  generation $%.4f, judge $%.4f, total $%.4f ($%.5f per exported example)",
                report.cost().generationUsd(), report.cost().judgeUsd(), report.cost().totalUsd(),
                report.cost().perExportedExampleUsd());

        section(out, "NEXT STEPS");
        nextSteps(out, report.name(), report.format(), report.counts().validation() > 0);
        return out.toString();
    }

    private static void nextSteps(StringBuilder out, String name, ExampleFormat format, boolean validation) {
        line(out, "  LLaMA-Factory: set dataset_dir to this directory (its dataset_info.json lists every file), or copy");
        line(out, "  it to LLaMA-Factory/data/%s and add to data/dataset_info.json:", name);
        String columns = switch (format) {
            case SHAREGPT -> "\"formatting\": \"sharegpt\", \"columns\": {\"messages\": \"conversations\","
                    + " \"system\": \"system\"}";
            case OPENAI -> "\"formatting\": \"sharegpt\", \"columns\": {\"messages\": \"messages\"}, \"tags\":"
                    + " {\"role_tag\": \"role\", \"content_tag\": \"content\", \"user_tag\": \"user\","
                    + " \"assistant_tag\": \"assistant\", \"system_tag\": \"system\"}";
            case ALPACA -> "\"columns\": {\"prompt\": \"instruction\", \"query\": \"input\", \"response\": \"output\","
                    + " \"system\": \"system\", \"history\": \"history\"}";
        };
        if (!validation) {
            line(out, "    \"%s\": {\"file_name\": \"%s/%s\", %s}", name, name, DatasetFile.TRAIN, columns);
            line(out, "    then train with dataset: %s (%s is empty: the split kept no example for it)", name,
                    DatasetFile.VALIDATION);
        } else {
            line(out, "    \"%s\": {\"file_name\": \"%s/%s\", %s},", name, name, DatasetFile.TRAIN, columns);
            line(out, "    \"%s_validation\": {\"file_name\": \"%s/%s\", %s}", name, name, DatasetFile.VALIDATION,
                    columns);
            line(out, "    then train with dataset: %s and eval_dataset: %s_validation", name, name);
        }
        if (format == ExampleFormat.OPENAI) {
            line(out, "  OpenAI fine-tuning: upload %s and start a job, e.g. in Python:",
                    validation ? "both files" : DatasetFile.TRAIN);
            line(out, "    train = client.files.create(file=open(\"%s\", \"rb\"), purpose=\"fine-tune\")",
                    DatasetFile.TRAIN);
            if (validation) {
                line(out, "    valid = client.files.create(file=open(\"%s\", \"rb\"), purpose=\"fine-tune\")",
                        DatasetFile.VALIDATION);
            }
            line(out, "    client.fine_tuning.jobs.create(training_file=train.id,%s"
                    + " model=\"gpt-4o-mini-2024-07-18\")", validation ? " validation_file=valid.id," : "");
        } else {
            line(out, "  OpenAI fine-tuning reads only the openai format: run the job again with format: openai.");
        }
        line(out, "  Read %s for the quality gate, rejection reasons and token statistics,", DatasetFile.QUALITY_REPORT);
        line(out, "  and %s for what was left out and why; open %s for the charts;", DatasetFile.REJECTED,
                DatasetFile.REPORT_HTML);
        line(out, "  %s is a Hugging Face dataset card: set its license before publishing.", DatasetFile.DATASET_CARD);
    }

    private static void lengths(StringBuilder out, String label, QualityReport.TurnLengths lengths) {
        line(out, "  %-22s %8d %10.1f %10.1f", label, lengths.turns(), lengths.meanChars(), lengths.meanTokens());
    }

    private static String preview(String prompt) {
        if (prompt == null) {
            return "(no system prompt)";
        }
        String flat = prompt.replaceAll("\\s+", " ").strip();
        return "\"" + (flat.length() > PROMPT_PREVIEW ? flat.substring(0, PROMPT_PREVIEW) + "..." : flat) + "\"";
    }

    private static void section(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n');
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
