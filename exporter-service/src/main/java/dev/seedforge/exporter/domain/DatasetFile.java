package dev.seedforge.exporter.domain;

/** A file of a written dataset and its number of lines (records, for the JSONL files). */
public record DatasetFile(String name, long lines) {

    public static final String TRAIN = "train.jsonl";
    public static final String VALIDATION = "validation.jsonl";
    public static final String REJECTED = "rejected.jsonl";
    public static final String QUALITY_REPORT = "quality_report.json";
    public static final String DATASET_INFO = "dataset_info.txt";
}
