package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.seedforge.contracts.JobSpec;

/**
 * Renders the dataset card {@code README.md} in the Hugging Face convention: a YAML header (configs with their data
 * files per split, task category, a license placeholder, size category, tags) that the Hub reads, then the composition,
 * how it was generated, with which models, at what cost, and its known limits.
 */
public final class DatasetCard {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private DatasetCard() {
    }

    public static String render(ExportJob job, QualityReport report) {
        StringBuilder out = new StringBuilder();
        out.append("---\n").append(header(job, report)).append("---\n\n");
        QualityReport.Counts counts = report.counts();
        line(out, "# %s", report.name());
        out.append('\n');
        if (job.spec() != null && job.spec().task() != null) {
            line(out, "%s", job.spec().task().strip());
            out.append('\n');
        }
        line(out, "A synthetic fine-tuning dataset made by SeedForge (job `%s`): %d examples in the `%s` format,"
                + " %d for training and %d for validation. The quality gate %s.", report.jobId(), counts.exported(),
                report.format().id(), counts.train(), counts.validation(),
                report.gate().passed() ? "passed" : "failed (" + String.join("; ", report.gate().failures()) + ")");

        out.append("\n## Composition\n\n");
        out.append("| plan cell | quota | exported |\n|---|---:|---:|\n");
        for (QualityReport.CellRow cell : report.plan().cells()) {
            line(out, "| `%s` | %d | %d |", cell.id(), cell.quota(), cell.exported());
        }
        report.plan().axes().forEach((axis, values) -> {
            line(out, "\n%s: %s", axis, distribution(values));
        });
        if (!report.plan().complexity().isEmpty()) {
            line(out, "\ncomplexity: %s", distribution(report.plan().complexity()));
        }
        line(out, "\nMulti-turn examples: %d (%.1f%%). Tokens per example (%s): mean %.1f, p95 %d, max %d.",
                report.multiTurn().examples(), 100 * report.multiTurn().share(), report.tokens().encoding(),
                report.tokens().perExample().mean(), report.tokens().perExample().p95(),
                report.tokens().perExample().max());
        if (report.diversity().score() != null) {
            line(out, "Semantic diversity (1 - mean nearest-neighbour similarity): %.3f.", report.diversity().score());
        }

        out.append("\n## Generation method\n\n");
        JobSpec spec = job.spec();
        int seeds = spec == null ? 0 : spec.seeds().size();
        line(out, "A teacher model wrote candidates from %d hand-written seed examples%s. Every candidate was checked"
                + " against the format and the job's rules%s, then deduplicated (exact, lexical and semantic) against"
                + " the seeds and the examples before it. Of %d candidates, %d were accepted, %d rejected and %d"
                + " duplicates; exactly each plan cell's quota was exported. A check of the exported set found %d"
                + " duplicate(s) among its examples and against the seeds. The split is seeded (%d), stratified by"
                + " plan cell, and keeps examples more similar than %.2f on the same side.", seeds,
                job.planned() ? " across a plan of " + report.plan().cells().size() + " cells" : "",
                report.judgeScores().isEmpty() ? "" : " and scored by an LLM judge", counts.outcomes(),
                counts.accepted(), counts.rejected(), counts.duplicates(), report.exportedDuplicates().duplicates(),
                report.split().seed(),
                report.split().relatedThreshold());

        out.append("\n## Models\n\n");
        line(out, "- teacher: `%s`", spec == null ? "unknown" : spec.teacherModel());
        line(out, "- judge: `%s`", spec == null ? "unknown" : spec.judgeModel());
        line(out, "- token counts: `%s`", report.tokens().encoding());

        out.append("\n## Cost\n\n");
        line(out, "Generation $%.4f, judge $%.4f, total $%.4f: $%.5f per exported example.",
                report.cost().generationUsd(), report.cost().judgeUsd(), report.cost().totalUsd(),
                report.cost().perExportedExampleUsd());

        out.append("\n## Train on it\n\n");
        out.append("Ready configs are beside the data (paths relative to this directory):\n\n");
        line(out, "- axolotl: `axolotl train %s`", AxolotlConfig.FILE);
        if (counts.validation() > 0) {
            line(out, "- LLaMA-Factory: `llamafactory-cli train` with `dataset_dir` set to this directory,"
                    + " `dataset: %s` and `eval_dataset: %s_validation` (`%s`)", report.name(), report.name(),
                    DatasetFile.LLAMA_FACTORY_INFO);
        } else {
            line(out, "- LLaMA-Factory: `llamafactory-cli train` with `dataset_dir` set to this directory and"
                    + " `dataset: %s` (`%s`; no validation split)", report.name(), DatasetFile.LLAMA_FACTORY_INFO);
        }
        line(out, "- TRL: `python %s [base model]`", TrlScript.FILE);
        out.append("\n## Known limits\n\n");
        out.append("- The examples are synthetic: they are as correct as the teacher and the checks made them;"
                + " read a sample before training on them.\n");
        out.append("- Variety is bounded by the seeds and the plan's axes; rare cases outside them are missing.\n");
        line(out, "- %s", report.split().note());
        for (QualityReport.FormatFiles files : report.formats()) {
            if (!files.holdsExamples()) {
                line(out, "- The `%s` files are empty and have no config: none of the %d examples converts (the first: %s).",
                        files.format().id(), files.notConvertible(), files.firstProblem());
            } else if (files.notConvertible() > 0) {
                line(out, "- The `%s` files leave out %d examples that do not convert (the first: %s).", files.format().id(),
                        files.notConvertible(), files.firstProblem());
            }
        }
        out.append("- `rejected.jsonl` lists every candidate left out and why; `quality_report.json` and"
                + " `report.html` hold the full report.\n");
        out.append("- The license is a placeholder: set it before publishing.\n");
        return out.toString();
    }

    static String header(ExportJob job, QualityReport report) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("pretty_name", report.name());
        yaml.put("license", "other");
        yaml.put("license_name", "to-be-decided");
        yaml.put("language", List.of("en"));
        yaml.put("task_categories", List.of("text-generation"));
        yaml.put("tags", List.of("synthetic", "seedforge", report.format().id()));
        yaml.put("size_categories", List.of(sizeCategory(report.counts().exported())));
        List<Map<String, Object>> configs = new ArrayList<>();
        configs.add(config("default", DatasetFile.TRAIN, report.counts().validation() > 0 ? DatasetFile.VALIDATION
                : null, true));
        for (QualityReport.FormatFiles files : report.formats()) {
            if (!files.holdsExamples()) {
                continue;
            }
            configs.add(config(files.format().id(), files.trainFile(), files.validation() > 0 ? files.validationFile()
                    : null, false));
        }
        yaml.put("configs", configs);
        try {
            return YAML.writeValueAsString(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable dataset card header", e);
        }
    }

    private static Map<String, Object> config(String name, String train, String validation, boolean isDefault) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("config_name", name);
        if (isDefault) {
            config.put("default", true);
        }
        // an empty file is no split: the Hub and load_dataset would fail on it
        config.put("data_files", validation == null ? List.of(dataFile("train", train))
                : List.of(dataFile("train", train), dataFile("validation", validation)));
        return config;
    }

    private static Map<String, Object> dataFile(String split, String path) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("split", split);
        file.put("path", path);
        return file;
    }

    /** The Hub's size buckets. */
    static String sizeCategory(long n) {
        if (n < 1_000) {
            return "n<1K";
        }
        if (n < 10_000) {
            return "1K<n<10K";
        }
        if (n < 100_000) {
            return "10K<n<100K";
        }
        return n < 1_000_000 ? "100K<n<1M" : "1M<n<10M";
    }

    private static String distribution(Map<String, QualityReport.Planned> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((value, p) -> parts.add(String.format(Locale.ROOT, "%s %d/%d", value, p.exported(),
                p.planned())));
        return String.join(", ", parts) + " (exported/planned)";
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
