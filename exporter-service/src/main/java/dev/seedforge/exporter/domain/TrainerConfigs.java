package dev.seedforge.exporter.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ready-to-run trainer configs written beside the data: axolotl's YAML and a TRL script (LLaMA-Factory's
 * {@code dataset_info.json} is {@link LlamaFactoryInfo}). They point at the files of one format, chosen by
 * {@link TrainerData#choose}, by paths relative to the dataset directory.
 */
public final class TrainerConfigs {

    /** A small instruct model every trainer loads; the configs say to replace it. */
    public static final String DEFAULT_BASE_MODEL = "Qwen/Qwen2.5-0.5B-Instruct";

    private TrainerConfigs() {
    }

    /** File name to content, in a stable order. */
    public static Map<String, String> render(ExportJob job, List<QualityReport.FormatFiles> extra,
            QualityReport report) {
        TrainerData data = TrainerData.choose(job, extra, report.counts().validation());
        Map<String, String> files = new LinkedHashMap<>();
        files.put(AxolotlConfig.FILE, AxolotlConfig.render(job.name(), data, report.tokens().perExample().max()));
        files.put(TrlScript.FILE, TrlScript.render(job.name(), data));
        return files;
    }
}
