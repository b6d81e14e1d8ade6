package dev.seedforge.exporter.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ReasoningSpec;

/**
 * Renders {@code axolotl.yaml}, a config {@code axolotl train axolotl.yaml} runs from the dataset directory. The
 * dataset entries follow axolotl's own docs: conversations as {@code type: chat_template} with {@code field_messages},
 * {@code message_property_mappings} (role, content), {@code roles} and {@code roles_to_train}
 * (https://docs.axolotl.ai/docs/dataset-formats/conversation.html, /docs/dataset-formats/index.html), Alpaca as
 * {@code type: alpaca} (/docs/dataset-formats/inst_tune.html); the validation file as {@code test_datasets} with
 * {@code ds_type: json}, {@code split: train} and {@code data_files}, and {@code val_set_size: 0}, because axolotl takes
 * either {@code test_datasets} or a {@code val_set_size} split, not both (/docs/config-reference.html). Reasoning traces
 * written as a message field are named to axolotl with {@code field_thinking} (the dataset's key) and
 * {@code template_thinking_key} (the key the chat template reads), both {@code reasoning_content} by default or
 * {@code thinking} (gpt-oss templates), as axolotl's config reference lists them; inline traces need no setting.
 */
public final class AxolotlConfig {

    public static final String FILE = "axolotl.yaml";

    /** The smallest and largest {@code sequence_len} written; between them the next power of two above the data. */
    static final int MIN_SEQUENCE_LEN = 512;
    static final int MAX_SEQUENCE_LEN = 32_768;

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private AxolotlConfig() {
    }

    public static String render(String datasetName, TrainerData data, long maxTokensPerExample) {
        return render(datasetName, data, maxTokensPerExample, ReasoningSpec.OFF);
    }

    public static String render(String datasetName, TrainerData data, long maxTokensPerExample,
            ReasoningSpec reasoning) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base_model", TrainerConfigs.baseModel(reasoning));
        if (data.format() != ExampleFormat.ALPACA) {
            config.put("chat_template", "tokenizer_default");
        }
        config.put("datasets", List.of(dataset(data, data.trainFile(), false, reasoning)));
        if (data.hasValidation()) {
            config.put("test_datasets", List.of(dataset(data, data.validationFile(), true, reasoning)));
        }
        config.put("val_set_size", 0.0);
        config.put("dataset_prepared_path", "./axolotl-prepared");
        config.put("output_dir", "./axolotl-out/" + datasetName);
        config.put("sequence_len", sequenceLen(maxTokensPerExample));
        config.put("sample_packing", false);
        training(config, 3, 2.0e-4);
        try {
            return "# axolotl config for the SeedForge dataset '" + datasetName + "' (" + data.format().id()
                    + " files). Run it from this directory:\n#   axolotl train " + FILE
                    + "\n# base_model and the hyperparameters are a starting point: set them for your model.\n"
                    + YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable axolotl config", e);
        }
    }

    private static Map<String, Object> dataset(TrainerData data, String file, boolean test,
            ReasoningSpec reasoning) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", file);
        entry.put("ds_type", "json");
        if (test) {
            // a local JSON file loads as the split "train", whatever it holds (axolotl's test_datasets example)
            entry.put("split", "train");
            entry.put("data_files", List.of(file));
        }
        switch (data.format()) {
            case ALPACA -> entry.put("type", "alpaca");
            case OPENAI -> {
                entry.put("type", "chat_template");
                entry.put("field_messages", "messages");
                entry.put("message_property_mappings", propertyMappings("role", "content"));
                entry.put("roles_to_train", List.of("assistant"));
                entry.put("train_on_eos", "turn");
            }
            case SHAREGPT -> {
                entry.put("type", "chat_template");
                entry.put("field_messages", "conversations");
                entry.put("message_property_mappings", propertyMappings("from", "value"));
                Map<String, List<String>> roles = new LinkedHashMap<>();
                roles.put("user", List.of("human"));
                roles.put("assistant", List.of("gpt", "function_call"));
                roles.put("system", List.of("system"));
                roles.put("tool", List.of("observation"));
                entry.put("roles", roles);
                entry.put("roles_to_train", List.of("assistant"));
                entry.put("train_on_eos", "turn");
            }
        }
        if (data.format() != ExampleFormat.ALPACA && reasoning.on()
                && reasoning.modeFor(data.format()) == ReasoningSpec.Mode.FIELD) {
            entry.put("field_thinking", reasoning.fieldNameOrDefault());
            entry.put("template_thinking_key", reasoning.fieldNameOrDefault());
        }
        return entry;
    }

    private static Map<String, String> propertyMappings(String role, String content) {
        Map<String, String> mappings = new LinkedHashMap<>();
        mappings.put("role", role);
        mappings.put("content", content);
        return mappings;
    }

    /** The next power of two that holds the longest example, within [512, 32768]. */
    /** The LoRA adapter and training settings every axolotl config here shares; epochs and rate differ by method. */
    static void training(Map<String, Object> config, int epochs, double learningRate) {
        config.put("adapter", "lora");
        config.put("lora_r", 16);
        config.put("lora_alpha", 32);
        config.put("lora_dropout", 0.05);
        config.put("lora_target_linear", true);
        config.put("micro_batch_size", 2);
        config.put("gradient_accumulation_steps", 4);
        config.put("num_epochs", epochs);
        config.put("learning_rate", learningRate);
        config.put("optimizer", "adamw_torch");
        config.put("lr_scheduler", "cosine");
        config.put("bf16", "auto");
        config.put("logging_steps", 10);
    }

    static int sequenceLen(long maxTokensPerExample) {
        int len = MIN_SEQUENCE_LEN;
        while (len < maxTokensPerExample && len < MAX_SEQUENCE_LEN) {
            len *= 2;
        }
        return len;
    }
}
