package dev.seedforge.exporter.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.ReasoningSpec;

/**
 * The ready-to-run trainer configs written beside the data: axolotl's YAML and a TRL script (LLaMA-Factory's
 * {@code dataset_info.json} is {@link LlamaFactoryInfo}). They point at the files of one format, chosen by
 * {@link TrainerData#choose}, by paths relative to the dataset directory.
 */
public final class TrainerConfigs {

    /** A small instruct model every trainer loads; the configs say to replace it. */
    public static final String DEFAULT_BASE_MODEL = "Qwen/Qwen2.5-0.5B-Instruct";

    /** A small model whose chat template renders {@code reasoning_content} and reads {@code <think>} blocks. */
    public static final String REASONING_BASE_MODEL = "Qwen/Qwen3-0.6B";
    /** The model family whose chat template reads a {@code thinking} field. */
    public static final String THINKING_BASE_MODEL = "openai/gpt-oss-20b";

    private TrainerConfigs() {
    }

    /**
     * The base model a config starts from: for a dataset with reasoning traces, one whose chat template renders them
     * (Qwen2.5's drops a trace field silently), by the field's name.
     */
    public static String baseModel(ReasoningSpec reasoning) {
        if (!reasoning.on()) {
            return DEFAULT_BASE_MODEL;
        }
        return ReasoningSpec.THINKING.equals(reasoning.fieldNameOrDefault()) ? THINKING_BASE_MODEL
                : REASONING_BASE_MODEL;
    }

    /** File name to content, in a stable order. */
    public static Map<String, String> render(ExportJob job, List<QualityReport.FormatFiles> extra,
            QualityReport report) {
        Map<String, String> files = new LinkedHashMap<>();
        if (job.preference()) {
            boolean validation = report.counts().validation() > 0;
            files.put(AxolotlConfig.FILE, PreferenceConfigs.axolotl(job.name(), validation,
                    report.tokens().perExample().max()));
            files.put(TrlScript.FILE, PreferenceConfigs.trl(job.name(), validation, job.withTools()));
            return files;
        }
        TrainerData data = TrainerData.choose(job, extra, report.counts().validation());
        // a trace is part of what the model trains on: the sequence holds the longest example with its traces
        long longest = report.tokens().perExample().max()
                + (report.tokens().reasoning() == null ? 0 : report.tokens().reasoning().perExample().max());
        files.put(AxolotlConfig.FILE, AxolotlConfig.render(job.name(), data, longest, job.reasoning()));
        files.put(TrlScript.FILE, TrlScript.render(job.name(), data, job.reasoning(), job.withTools()));
        return files;
    }
}
