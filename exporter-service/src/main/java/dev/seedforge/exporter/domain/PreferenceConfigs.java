package dev.seedforge.exporter.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The trainer configs of a preference dataset. axolotl: {@code rl: dpo} with the local TRL file as
 * {@code ds_type: json}, {@code data_files}, {@code split: train} and {@code type: chat_template.default}, whose
 * fields are {@code field_messages: prompt}, {@code field_chosen: chosen}, {@code field_rejected: rejected} (axolotl's
 * rlhf docs and its dpo chat_template strategy, which takes the last message of a chosen or rejected list). TRL: a
 * script that hands the conversational preference files to {@code DPOTrainer} as they are.
 */
public final class PreferenceConfigs {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private PreferenceConfigs() {
    }

    public static String axolotl(String datasetName, boolean validation, long maxTokensPerExample) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base_model", TrainerConfigs.DEFAULT_BASE_MODEL);
        config.put("chat_template", "tokenizer_default");
        config.put("rl", "dpo");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", PreferenceExport.TRL_TRAIN);
        entry.put("ds_type", "json");
        entry.put("data_files", List.of(PreferenceExport.TRL_TRAIN));
        entry.put("split", "train");
        entry.put("type", "chat_template.default");
        entry.put("field_messages", "prompt");
        entry.put("field_chosen", "chosen");
        entry.put("field_rejected", "rejected");
        config.put("datasets", List.of(entry));
        config.put("val_set_size", 0.0);
        config.put("dataset_prepared_path", "./axolotl-prepared");
        config.put("output_dir", "./axolotl-out/" + datasetName);
        config.put("sequence_len", AxolotlConfig.sequenceLen(maxTokensPerExample));
        AxolotlConfig.training(config, 1, 5.0e-6);
        try {
            return "# axolotl DPO config for the SeedForge preference dataset '" + datasetName
                    + "' (TRL conversational pairs). Run it from this directory:\n#   axolotl train "
                    + AxolotlConfig.FILE + "\n# " + (validation ? PreferenceExport.TRL_VALIDATION
                            + " is for evaluation with train_trl.py; " : "")
                    + "base_model and the hyperparameters are a starting point: set them for your model"
                    + " (DPO usually starts from an SFT checkpoint).\n" + YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable axolotl config", e);
        }
    }

    /** {@code tools}: the job's pairs may call tools, so the script needs a {@code datasets} that keeps them as written. */
    public static String trl(String datasetName, boolean validation, boolean tools) {
        String name = datasetName.replace("\\", "").replace("\"", "'");
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"Preference-tunes a model on the SeedForge dataset '").append(name)
                .append("' with TRL's DPOTrainer.\n\n")
                .append("Run from anywhere: python ").append(TrlScript.FILE).append(" [base model]\n")
                .append("Needs: pip install trl ")
                .append(tools ? "\"" + TrlScript.DATASETS_FOR_TOOLS + "\"" : "datasets")
                .append(" transformers (see https://huggingface.co/docs/trl/dpo_trainer).\n")
                .append("The files are TRL's conversational preference type: \"prompt\", \"chosen\" and \"rejected\","
                        + " each a list\nof {\"role\", \"content\"} messages, and \"tools\" where the pair is offered"
                        + " functions (a JSON string,\nwhich DPOTrainer reads per example for the chat template).\n")
                .append(tools ? "A tool call's arguments, JSON text in the files, reach the chat template as an object.\n"
                        : "")
                .append("\"\"\"\n")
                .append(tools ? "import json\nimport os\nimport re\nimport sys\n\nimport datasets\n"
                        : "import os\nimport sys\n\n")
                .append("from datasets import load_dataset\n")
                .append("from transformers import AutoModelForCausalLM, AutoTokenizer\n")
                .append("from trl import DPOConfig, DPOTrainer\n\n")
                .append("HERE = os.path.dirname(os.path.abspath(__file__))\n")
                .append("MODEL = sys.argv[1] if len(sys.argv) > 1 else \"").append(TrainerConfigs.DEFAULT_BASE_MODEL)
                .append("\"\n")
                .append("DATA_FILES = {\"train\": os.path.join(HERE, \"").append(PreferenceExport.TRL_TRAIN)
                .append("\")");
        if (validation) {
            py.append(", \"validation\": os.path.join(HERE, \"").append(PreferenceExport.TRL_VALIDATION).append("\")");
        }
        py.append("}\n");
        if (tools) {
            py.append(TrlScript.callArguments()).append(TrlScript.datasetsCheck());
        }
        py.append("\n\ndef main():\n")
                .append(tools ? "    check_datasets()\n" : "")
                .append("    dataset = load_dataset(\"json\", data_files=DATA_FILES)\n")
                .append(tools ? "    dataset = dataset.map(lambda pair: {side: with_call_arguments(pair[side])\n"
                        + "                                       for side in (\"prompt\", \"chosen\", \"rejected\")})\n" : "")
                .append("    model = AutoModelForCausalLM.from_pretrained(MODEL)\n")
                .append("    tokenizer = AutoTokenizer.from_pretrained(MODEL)\n")
                .append("    config = DPOConfig(\n")
                .append("        output_dir=os.path.join(HERE, \"trl-out\"),\n")
                .append("        num_train_epochs=1,\n")
                .append("        per_device_train_batch_size=2,\n")
                .append("        gradient_accumulation_steps=4,\n")
                .append("        learning_rate=5e-6,\n")
                .append("        beta=0.1,\n")
                .append("        logging_steps=10,\n")
                .append("        eval_strategy=\"").append(validation ? "epoch" : "no").append("\",\n")
                .append("    )\n")
                .append("    trainer = DPOTrainer(\n")
                .append("        model=model,\n")
                .append("        args=config,\n")
                .append("        train_dataset=dataset[\"train\"],\n");
        if (validation) {
            py.append("        eval_dataset=dataset[\"validation\"],\n");
        }
        py.append("        processing_class=tokenizer,\n")
                .append("    )\n")
                .append("    trainer.train()\n")
                .append("    trainer.save_model(config.output_dir)\n\n\n")
                .append("if __name__ == \"__main__\":\n")
                .append("    main()\n");
        return py.toString();
    }
}
