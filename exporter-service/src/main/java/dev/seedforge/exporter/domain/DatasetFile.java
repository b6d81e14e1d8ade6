package dev.seedforge.exporter.domain;

/** A file of a written dataset and its number of lines (records, for the JSONL files). */
public record DatasetFile(String name, long lines) {

    public static final String TRAIN = "train.jsonl";
    public static final String VALIDATION = "validation.jsonl";
    public static final String REJECTED = "rejected.jsonl";
    public static final String QUALITY_REPORT = "quality_report.json";
    public static final String DATASET_INFO = "dataset_info.txt";
    public static final String LLAMA_FACTORY_INFO = "dataset_info.json";
    public static final String DATASET_CARD = "README.md";
    public static final String REPORT_HTML = "report.html";

    /** {@code train.<format>.jsonl}: the train split in an extra format, next to the job's own. */
    public static String train(dev.seedforge.contracts.ExampleFormat format) {
        return "train." + format.id() + ".jsonl";
    }

    public static String validation(dev.seedforge.contracts.ExampleFormat format) {
        return "validation." + format.id() + ".jsonl";
    }
}
