package dev.seedforge.exporter.domain;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/**
 * Renders {@code dataset_info.json} in LLaMA-Factory's shape: one entry per split and format, each with
 * {@code file_name} (relative to the dataset directory, so {@code dataset_dir} can point at it as it is),
 * {@code formatting}, {@code columns} and, for OpenAI-style messages, {@code tags}.
 */
public final class LlamaFactoryInfo {

    private LlamaFactoryInfo() {
    }

    /**
     * The entries of the job's files; {@code validationExamples} of the job's own split, since a {@code _validation}
     * entry pointing at an empty file only fails when LLaMA-Factory loads it.
     */
    public static String render(ExportJob job, List<QualityReport.FormatFiles> extra, long validationExamples) {
        ObjectNode info = Json.MAPPER.createObjectNode();
        boolean tools = job.withTools();
        if (job.preference()) {
            info.set(job.name(), ranking(PreferenceExport.LLAMA_FACTORY_TRAIN, tools));
            if (validationExamples > 0) {
                info.set(job.name() + "_validation", ranking(PreferenceExport.LLAMA_FACTORY_VALIDATION, tools));
            }
            return write(info);
        }
        info.set(job.name(), entry(DatasetFile.TRAIN, job.format(), tools));
        if (validationExamples > 0) {
            info.set(job.name() + "_validation", entry(DatasetFile.VALIDATION, job.format(), tools));
        }
        for (QualityReport.FormatFiles files : extra) {
            if (!files.holdsExamples()) {
                continue;
            }
            String key = job.name() + "_" + files.format().id();
            info.set(key, entry(files.trainFile(), files.format(), tools));
            if (files.validation() > 0) {
                info.set(key + "_validation", entry(files.validationFile(), files.format(), tools));
            }
        }
        return write(info);
    }

    /**
     * A preference dataset as LLaMA-Factory's data/README defines one: {@code "ranking": true}, ShareGPT formatting,
     * and the {@code chosen} and {@code rejected} columns beside the messages.
     */
    static ObjectNode ranking(String fileName, boolean tools) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("file_name", fileName).put("ranking", true).put("formatting", "sharegpt");
        ObjectNode columns = entry.putObject("columns").put("messages", "conversations").put("chosen", "chosen")
                .put("rejected", "rejected").put("system", "system");
        if (tools) {
            columns.put("tools", "tools");
        }
        return entry;
    }

    private static String write(ObjectNode info) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(info) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable dataset_info.json", e);
        }
    }

    static ObjectNode entry(String fileName, ExampleFormat format, boolean tools) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("file_name", fileName);
        switch (format) {
            case ALPACA -> {
                entry.put("formatting", "alpaca");
                entry.putObject("columns").put("prompt", "instruction").put("query", "input")
                        .put("response", "output").put("system", "system").put("history", "history");
            }
            case SHAREGPT -> {
                entry.put("formatting", "sharegpt");
                ObjectNode columns = entry.putObject("columns").put("messages", "conversations")
                        .put("system", "system");
                if (tools) {
                    columns.put("tools", "tools");
                }
            }
            case OPENAI -> {
                entry.put("formatting", "sharegpt");
                entry.putObject("columns").put("messages", "messages");
                entry.putObject("tags").put("role_tag", "role").put("content_tag", "content")
                        .put("user_tag", "user").put("assistant_tag", "assistant").put("system_tag", "system")
                        .put("observation_tag", "tool");
            }
        }
        return entry;
    }
}
