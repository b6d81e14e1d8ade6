package dev.seedforge.exporter.domain;

import java.util.Locale;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ReasoningSpec;

/**
 * Renders {@code train_trl.py}, a short script that fine-tunes with TRL's {@code SFTTrainer} on the dataset's files. It
 * loads them with {@code datasets.load_dataset("json", data_files=...)} and hands TRL one of the dataset types its docs
 * list (https://huggingface.co/docs/trl/sft_trainer, "Expected dataset type and format", and
 * https://huggingface.co/docs/trl/dataset_formats): OpenAI files as they are (conversational {@code messages} of
 * {@code role}/{@code content}, tool calls and a {@code tools} column included), ShareGPT mapped to {@code messages},
 * Alpaca mapped to conversational {@code prompt}/{@code completion} (loss on the completion only, TRL's default for
 * that type). Reasoning traces written as a message field stay on the assistant messages under their key
 * ({@code reasoning_content} or {@code thinking}), which the model's chat template renders; inline traces are text.
 */
public final class TrlScript {

    public static final String FILE = "train_trl.py";

    /** The {@code datasets} a script needs when its examples call tools ({@link #datasetsCheck}). */
    static final String DATASETS_FOR_TOOLS = "datasets>=4.7";

    private TrlScript() {
    }

    public static String render(String datasetName, TrainerData data) {
        return render(datasetName, data, ReasoningSpec.OFF, false);
    }

    /**
     * {@code tools}: the job's examples may call tools, so a ShareGPT record's {@code function_call} turns become
     * assistant messages with {@code tool_calls} and its {@code tools} string OpenAI's tool objects (as a JSON string,
     * which SFTTrainer parses per example for the chat template), rather than text the model would learn to write.
     */
    public static String render(String datasetName, TrainerData data, ReasoningSpec reasoning, boolean tools) {
        boolean traceField = reasoning.on() && data.format() != ExampleFormat.ALPACA
                && reasoning.modeFor(data.format()) == ReasoningSpec.Mode.FIELD;
        String field = reasoning.fieldNameOrDefault();
        boolean toolTurns = tools && data.format() == ExampleFormat.SHAREGPT;
        boolean openAiCalls = tools && data.format() == ExampleFormat.OPENAI;
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"Fine-tunes a model on the SeedForge dataset '").append(pythonText(datasetName))
                .append("' with TRL's SFTTrainer.\n\n")
                .append("Run from anywhere: python ").append(FILE).append(" [base model]\n")
                .append("Needs: pip install trl ").append(tools ? "\"" + DATASETS_FOR_TOOLS + "\"" : "datasets")
                .append(" (see https://huggingface.co/docs/trl/sft_trainer).\n")
                .append("\"\"\"\n")
                .append(toolTurns || openAiCalls ? "import json\n" : "").append("import os\n")
                .append(tools ? "import re\n" : "")
                .append("import sys\n\n")
                .append(tools ? "import datasets\n" : "").append("from datasets import load_dataset\n")
                .append("from trl import SFTConfig, SFTTrainer\n\n")
                .append("HERE = os.path.dirname(os.path.abspath(__file__))\n")
                .append("MODEL = sys.argv[1] if len(sys.argv) > 1 else \"")
                .append(TrainerConfigs.baseModel(reasoning)).append("\"\n")
                .append("DATA_FILES = {\"train\": os.path.join(HERE, \"").append(data.trainFile()).append("\")");
        if (data.hasValidation()) {
            py.append(", \"validation\": os.path.join(HERE, \"").append(data.validationFile()).append("\")");
        }
        py.append("}\n");
        switch (data.format()) {
            case OPENAI -> py.append("\n# OpenAI chat files are TRL's conversational format as they are: \"messages\" of\n")
                    .append("# {\"role\", \"content\"} (and \"tool_calls\", with the tools in a \"tools\" column)")
                    .append(openAiCalls ? ", but for the calls'\n# arguments, JSON text in OpenAI's files and objects"
                            + " for the chat template.\n" : ".\n");
            default -> {
            }
        }
        if (traceField) {
            py.append("# Assistant messages carry their reasoning trace in \"").append(field)
                    .append("\": the model's chat template must\n# render it (Qwen3 and DeepSeek-R1 templates read"
                            + " reasoning_content, gpt-oss templates read thinking).\n")
                    .append("THINKING = \"").append(field).append("\"\n");
        }
        switch (data.format()) {
            case OPENAI -> {
                if (openAiCalls) {
                    py.append(callArguments());
                }
            }
            case SHAREGPT -> {
                py.append("\n# ShareGPT turns ({\"from\", \"value\"}) become TRL's conversational \"messages\".\n")
                        .append("ROLES = {\"human\": \"user\", \"gpt\": \"assistant\", \"function_call\": \"assistant\",\n")
                        .append("         \"observation\": \"tool\", \"system\": \"system\"}\n\n\n");
                if (toolTurns) {
                    py.append(argumentsObject()).append("\n\n")
                            .append("def tool_calls(value):\n")
                            .append("    \"\"\"A function_call turn's call (or list of parallel calls) as OpenAI's tool_calls.\"\"\"\n")
                            .append("    calls = json.loads(value)\n")
                            .append("    calls = calls if isinstance(calls, list) else [calls]\n")
                            .append("    return [{\"type\": \"function\", \"function\": {\"name\": call[\"name\"],\n")
                            .append("             \"arguments\": arguments_object(call.get(\"arguments\"))}} for call in calls]\n\n\n")
                            .append("def tools_of(example):\n")
                            .append("    \"\"\"The record's tools string as OpenAI's tool objects, kept a JSON string (SFTTrainer parses it).\"\"\"\n")
                            .append("    tools = json.loads(example[\"tools\"]) if example.get(\"tools\") else []\n")
                            .append("    return json.dumps([tool if \"function\" in tool else {\"type\": \"function\", \"function\": tool}\n")
                            .append("                       for tool in tools]) if tools else None\n\n\n")
                            .append("def message(turn):\n")
                            .append("    if turn[\"from\"] == \"function_call\":\n")
                            .append("        return {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": tool_calls(turn[\"value\"])}\n")
                            .append("    return {\"role\": ROLES[turn[\"from\"]], \"content\": turn[\"value\"]}\n\n\n");
                }
                py.append("def to_messages(example):\n")
                        .append("    messages = [{\"role\": \"system\", \"content\": example[\"system\"]}] if example.get(\"system\") else []\n")
                        .append(toolTurns ? "    messages += [message(turn)"
                                : "    messages += [{\"role\": ROLES[turn[\"from\"]], \"content\": turn[\"value\"]}")
                        .append(traceField ? "\n                 | ({THINKING: turn[THINKING]} if turn.get(THINKING) else {})\n"
                                : "\n")
                        .append("                 for turn in example[\"conversations\"]]\n")
                        .append(toolTurns ? "    return {\"messages\": messages, \"tools\": tools_of(example)}\n"
                                : "    return {\"messages\": messages}\n");
            }
            case ALPACA -> py.append("\n# Alpaca records become TRL's conversational prompt-completion type.\n\n\n")
                    .append("def to_prompt_completion(example):\n")
                    .append("    prompt = [{\"role\": \"system\", \"content\": example[\"system\"]}] if example.get(\"system\") else []\n")
                    .append("    for user, assistant in example.get(\"history\") or []:\n")
                    .append("        prompt += [{\"role\": \"user\", \"content\": user}, {\"role\": \"assistant\", \"content\": assistant}]\n")
                    .append("    user = example[\"instruction\"]\n")
                    .append("    if example.get(\"input\"):\n")
                    .append("        user += \"\\n\\n\" + example[\"input\"]\n")
                    .append("    prompt.append({\"role\": \"user\", \"content\": user})\n")
                    .append("    return {\"prompt\": prompt, \"completion\": [{\"role\": \"assistant\", \"content\": example[\"output\"]}]}\n");
        }
        if (tools) {
            py.append(datasetsCheck());
        }
        py.append("\n\ndef main():\n")
                .append(tools ? "    check_datasets()\n" : "")
                .append("    dataset = load_dataset(\"json\", data_files=DATA_FILES)\n");
        switch (data.format()) {
            case OPENAI -> {
                if (openAiCalls) {
                    py.append(
                            "    dataset = dataset.map(lambda example: {\"messages\": with_call_arguments(example[\"messages\"])})\n");
                }
            }
            case SHAREGPT ->
                py.append("    dataset = dataset.map(to_messages, remove_columns=dataset[\"train\"].column_names)\n");
            case ALPACA -> py.append(
                    "    dataset = dataset.map(to_prompt_completion, remove_columns=dataset[\"train\"].column_names)\n");
        }
        py.append("    config = SFTConfig(\n")
                .append("        output_dir=os.path.join(HERE, \"trl-out\"),\n")
                .append("        num_train_epochs=3,\n")
                .append("        per_device_train_batch_size=2,\n")
                .append("        gradient_accumulation_steps=4,\n")
                .append("        learning_rate=2e-4,\n")
                .append("        logging_steps=10,\n")
                .append(String.format(Locale.ROOT, "        eval_strategy=\"%s\",\n", data.hasValidation() ? "epoch" : "no"))
                .append("    )\n")
                .append("    trainer = SFTTrainer(\n")
                .append("        model=MODEL,\n")
                .append("        args=config,\n")
                .append("        train_dataset=dataset[\"train\"],\n");
        if (data.hasValidation()) {
            py.append("        eval_dataset=dataset[\"validation\"],\n");
        }
        py.append("    )\n")
                .append("    trainer.train()\n")
                .append("    trainer.save_model(config.output_dir)\n\n\n")
                .append("if __name__ == \"__main__\":\n")
                .append("    main()\n");
        return py.toString();
    }

    /**
     * {@code check_datasets()}, which a script whose examples call tools runs first. Tool calls' arguments and tools'
     * schemas differ from one example to the next; {@code datasets} before 4.7 gives such a column one Arrow type by
     * filling the keys an example lacks with None, so the model would train on calls and schemas no one wrote, and
     * without an error. 4.7 keeps them as JSON (its {@code Json} type, the default for mixed types when loading and
     * mapping), which TRL's docs ask for (https://huggingface.co/docs/trl/dataset_formats, "Tool Calling").
     */
    static String datasetsCheck() {
        return "\n\n# Tool calls' arguments and tools' schemas differ from one example to the next: datasets before 4.7 gives them\n"
                + "# one type by filling the keys an example lacks with None (calls no one wrote); 4.7 keeps them as JSON.\n"
                + "def check_datasets():\n"
                + "    found = tuple(int(part) for part in re.findall(r\"\\d+\", datasets.__version__)[:2])\n"
                + "    if found < (4, 7):\n"
                + "        sys.exit(f\"datasets {datasets.__version__} would fill the keys a tool call or schema lacks with None:\"\n"
                + "                 \" pip install -U '" + DATASETS_FOR_TOOLS + "'\")\n";
    }

    /**
     * {@code arguments_object(arguments)}: a tool call's arguments as the object chat templates read. OpenAI's files
     * keep them as JSON text (its wire format); serving stacks parse them before the template, and some templates
     * (Qwen2.5's, the default base model) would otherwise write the text inside the call's JSON as a quoted string.
     */
    static String argumentsObject() {
        return "def arguments_object(arguments):\n"
                + "    \"\"\"A call's arguments as the object chat templates read (OpenAI's files write JSON text).\"\"\"\n"
                + "    return json.loads(arguments) if isinstance(arguments, str) else arguments or {}\n";
    }

    /** {@link #argumentsObject} and {@link #withCallArguments}, after the two blank lines that separate them. */
    static String callArguments() {
        return "\n\n" + argumentsObject() + "\n\n" + withCallArguments();
    }

    /** {@code with_call_arguments(messages)}: the messages with every tool call's arguments as an object. */
    private static String withCallArguments() {
        return "def with_call_arguments(messages):\n"
                + "    \"\"\"The messages, each assistant tool call's arguments an object.\"\"\"\n"
                + "    return [message | {\"tool_calls\": [call | {\"function\": call[\"function\"]\n"
                + "                                          | {\"arguments\": arguments_object(call[\"function\"].get(\"arguments\"))}}\n"
                + "                                   for call in message[\"tool_calls\"]]}\n"
                + "            if message.get(\"tool_calls\") else message for message in messages]\n";
    }

    /** A name inside a Python docstring: no quotes or backslashes that could end it. */
    private static String pythonText(String text) {
        return text.replace("\\", "").replace("\"", "'");
    }
}
