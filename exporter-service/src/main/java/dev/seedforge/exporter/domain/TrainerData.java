package dev.seedforge.exporter.domain;

import java.util.List;

import dev.seedforge.contracts.ExampleFormat;

/**
 * The pair of files a trainer config points at, and their format. Trainers read OpenAI-style messages most directly
 * (the system prompt and tool calls are turns there), so the configs prefer the OpenAI files when the export has them,
 * then ShareGPT, then Alpaca.
 */
public record TrainerData(ExampleFormat format, String trainFile, String validationFile, long validationExamples) {

    private static final List<ExampleFormat> PREFERENCE = List.of(ExampleFormat.OPENAI, ExampleFormat.SHAREGPT,
            ExampleFormat.ALPACA);

    /** The files of the most trainer-friendly format among the job's own and its extra formats. */
    public static TrainerData choose(ExportJob job, List<QualityReport.FormatFiles> extra, long validationExamples) {
        for (ExampleFormat wanted : PREFERENCE) {
            if (job.format() == wanted) {
                return new TrainerData(wanted, DatasetFile.TRAIN, DatasetFile.VALIDATION, validationExamples);
            }
            for (QualityReport.FormatFiles files : extra) {
                if (files.format() == wanted && files.train() > 0) {
                    return new TrainerData(wanted, files.trainFile(), files.validationFile(),
                            files.validation());
                }
            }
        }
        return new TrainerData(job.format(), DatasetFile.TRAIN, DatasetFile.VALIDATION, validationExamples);
    }

    public boolean hasValidation() {
        return validationExamples > 0;
    }
}
