package dev.seedforge.exporter.domain;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.format.FormatChecker;
import dev.seedforge.contracts.format.Reasoning;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Writes a finished job's dataset into {@code <output-dir>/<jobId>/}: exactly each plan cell's quota of examples split
 * into train and validation (in the job's format and any extra ones), the rejected and duplicate candidates, the
 * quality report (JSON, text and HTML), LLaMA-Factory's {@code dataset_info.json}, axolotl's and TRL's trainer configs
 * ({@link TrainerConfigs}) and a dataset card. Everything is written
 * into a hidden temporary directory first and moved into place in one step, so a half-written dataset never appears.
 * Writing again replaces the previous files (a retried finalization yields the same dataset).
 */
public final class DatasetExporter {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Default similarity from which two related examples are kept on the same side of the split. */
    public static final double DEFAULT_RELATED_THRESHOLD = 0.80;

    private final Path outputRoot;
    private final DatasetSplitter splitter;
    private final FormatChecker formatChecker;
    private final QualityReportBuilder reports;
    private final DatasetInfoWriter info;
    private final Clock clock;
    private final double relatedThreshold;

    public DatasetExporter(Path outputRoot, DatasetSplitter splitter, FormatChecker formatChecker,
            QualityReportBuilder reports, DatasetInfoWriter info, Clock clock, double relatedThreshold) {
        this.outputRoot = outputRoot.toAbsolutePath().normalize();
        this.splitter = splitter;
        this.formatChecker = formatChecker;
        this.reports = reports;
        this.info = info;
        this.clock = clock;
        this.relatedThreshold = relatedThreshold;
    }

    public static DatasetExporter create(Path outputRoot, QualityGate gate) {
        return create(outputRoot, gate, DEFAULT_RELATED_THRESHOLD);
    }

    public static DatasetExporter create(Path outputRoot, QualityGate gate, double relatedThreshold) {
        return new DatasetExporter(outputRoot, new DatasetSplitter(), new FormatChecker(),
                new QualityReportBuilder(TokenCounter.o200k(), gate), new DatasetInfoWriter(), Clock.systemUTC(),
                relatedThreshold);
    }

    /** The first {@code target} accepted outcomes by candidate id: the same choice on every run. */
    public static List<Outcome> selectExported(List<Outcome> outcomes, int target) {
        return outcomes.stream().filter(o -> o.status() == OutcomeStatus.ACCEPTED)
                .sorted(Comparator.comparing(Outcome::candidateId)).limit(Math.max(target, 0)).toList();
    }

    /**
     * Exactly each plan cell's quota of accepted outcomes (the first by candidate id, the same choice on every run),
     * or all a cell has if it has fewer. Accepted outcomes beyond a quota, or of a cell outside the plan, are surplus.
     */
    public static List<Outcome> selectExported(ExportJob job, List<Outcome> outcomes) {
        Map<String, Integer> quotas = new LinkedHashMap<>();
        job.cells().forEach(cell -> quotas.merge(cell.id(), cell.quota(), Integer::sum));
        Map<String, Integer> taken = new HashMap<>();
        List<Outcome> selected = new ArrayList<>();
        outcomes.stream().filter(o -> o.status() == OutcomeStatus.ACCEPTED)
                .sorted(Comparator.comparing(Outcome::candidateId)).forEach(o -> {
                    String cell = job.cellOf(o);
                    int already = taken.getOrDefault(cell, 0);
                    if (already < quotas.getOrDefault(cell, 0)) {
                        taken.put(cell, already + 1);
                        selected.add(o);
                    }
                });
        return selected;
    }

    /** The directory a job's dataset goes to; refuses job ids that are not plain file names. */
    public Path directoryOf(String jobId) {
        if (jobId == null || !SAFE_NAME.matcher(jobId).matches()) {
            throw new IllegalArgumentException("job id '" + jobId + "' cannot name a dataset directory");
        }
        return outputRoot.resolve(jobId);
    }

    public ExportResult export(ExportJob job, List<Outcome> outcomes) {
        Path target = directoryOf(job.jobId());
        List<Outcome> exported = selectExported(job, outcomes);
        double threshold = job.export().relatedThreshold() == null ? relatedThreshold : job.export().relatedThreshold();
        RelatedPairs related = RelatedPairs.of(exported, threshold);
        List<DatasetSplitter.Link> links = new ArrayList<>(related.links());
        if (job.preference()) {
            links.addAll(PreferenceExport.samePromptLinks(exported, job));
        }
        DatasetSplitter.Split<Outcome> split = splitter.split(exported, Outcome::candidateId, job::cellOf,
                links, job.validationRatio(), job.randomSeed());
        QualityReport.SplitReport splitReport = related.report(split, job, threshold);
        List<Outcome> leftOut = outcomes.stream().filter(o -> o.status() != OutcomeStatus.ACCEPTED)
                .sorted(Comparator.comparing(Outcome::candidateId)).toList();
        Path temp = null;
        try {
            Files.createDirectories(outputRoot);
            temp = Files.createTempDirectory(outputRoot, "." + job.jobId() + ".tmp-");
            List<DatasetFile> files = new ArrayList<>();
            List<String> formatErrors = new ArrayList<>();
            if (job.preference()) {
                writePairs(temp, split, job, files, formatErrors);
            } else {
                files.add(writeLines(temp, DatasetFile.TRAIN,
                        split.train().stream().map(example -> ownFormat(example, job)).iterator()));
                files.add(writeLines(temp, DatasetFile.VALIDATION,
                        split.validation().stream().map(example -> ownFormat(example, job)).iterator()));
                for (String name : List.of(DatasetFile.TRAIN, DatasetFile.VALIDATION)) {
                    formatErrors.addAll(checkFile(temp, name, job.format()));
                }
            }
            List<QualityReport.FormatFiles> formats = new ArrayList<>();
            for (ExampleFormat format : job.extraFormats()) {
                String trainName = DatasetFile.train(format);
                String validationName = DatasetFile.validation(format);
                Converted train = new Converted(job, format);
                Converted validation = new Converted(job, format);
                files.add(writeLines(temp, trainName, train.lines(split.train())));
                files.add(writeLines(temp, validationName, validation.lines(split.validation())));
                for (String name : List.of(trainName, validationName)) {
                    formatErrors.addAll(checkFile(temp, name, format));
                }
                formats.add(new QualityReport.FormatFiles(format, trainName, validationName, train.written,
                        validation.written, train.problems.size() + validation.problems.size(),
                        !train.problems.isEmpty() ? train.problems.get(0)
                                : validation.problems.isEmpty() ? null : validation.problems.get(0)));
            }
            files.add(writeLines(temp, DatasetFile.REJECTED, leftOut.stream().map(DatasetExporter::rejectedLine)
                    .iterator()));

            QualityReport report = reports.build(job, outcomes, split.train(), split.validation(), formatErrors,
                    splitReport, formats, clock.instant());
            if (job.preference()) {
                report = report.withPreference(PreferenceExport.report(exported, job));
            }
            String reportJson = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
            files.add(writeText(temp, DatasetFile.QUALITY_REPORT, reportJson));
            files.add(writeText(temp, DatasetFile.LLAMA_FACTORY_INFO, LlamaFactoryInfo.render(job, formats,
                    report.counts().validation())));
            for (Map.Entry<String, String> config : TrainerConfigs.render(job, formats, report).entrySet()) {
                files.add(writeText(temp, config.getKey(), config.getValue()));
            }
            files.add(writeText(temp, DatasetFile.DATASET_CARD, DatasetCard.render(job, report)));
            files.add(writeText(temp, DatasetFile.REPORT_HTML, HtmlReport.render(report)));
            files.add(writeText(temp, DatasetFile.DATASET_INFO, info.render(report, List.copyOf(files))));

            moveIntoPlace(temp, target);
            temp = null;
            return new ExportResult(target, files, report);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the dataset of job " + job.jobId() + " failed", e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** A preference job's files: TRL's, LLaMA-Factory's and OpenAI's shapes per split, each line read back. */
    private static void writePairs(Path temp, DatasetSplitter.Split<Outcome> split, ExportJob job,
            List<DatasetFile> files, List<String> formatErrors) throws IOException {
        PreferenceExport.Lines train = PreferenceExport.lines(split.train(), job);
        PreferenceExport.Lines validation = PreferenceExport.lines(split.validation(), job);
        record Written(String name, List<String> lines, PreferenceExport.Shape shape) {
        }
        List<Written> written = List.of(
                new Written(PreferenceExport.TRL_TRAIN, train.trl(), PreferenceExport.Shape.TRL),
                new Written(PreferenceExport.TRL_VALIDATION, validation.trl(), PreferenceExport.Shape.TRL),
                new Written(PreferenceExport.LLAMA_FACTORY_TRAIN, train.llamaFactory(),
                        PreferenceExport.Shape.LLAMA_FACTORY),
                new Written(PreferenceExport.LLAMA_FACTORY_VALIDATION, validation.llamaFactory(),
                        PreferenceExport.Shape.LLAMA_FACTORY),
                new Written(PreferenceExport.OPENAI_TRAIN, train.openAi(), PreferenceExport.Shape.OPENAI),
                new Written(PreferenceExport.OPENAI_VALIDATION, validation.openAi(), PreferenceExport.Shape.OPENAI));
        for (Written w : written) {
            files.add(writeLines(temp, w.name(), w.lines()));
            formatErrors.addAll(PreferenceExport.checkLines(w.name(), Files.readAllLines(temp.resolve(w.name())),
                    w.shape()));
        }
        train.problems().forEach(p -> formatErrors.add("pair " + p));
        validation.problems().forEach(p -> formatErrors.add("pair " + p));
    }

    /**
     * An example in the job's own format, as it arrived (plus OpenAI's tools list where calls need it, and reasoning
     * traces as the job's {@code reasoning.export} says for this format). An example that declares its own tools
     * arrives with them, whether it calls one or not, and keeps them as they are.
     */
    private static String ownFormat(Outcome example, ExportJob job) {
        if ((job.format() != ExampleFormat.OPENAI || job.tools().isEmpty()) && !job.reasoning().on()) {
            return example.exampleJson();
        }
        try {
            JsonNode record = job.format().withTools(Json.MAPPER.readTree(example.exampleJson()), job.tools());
            return withTraces(record, job.format(), job).toString();
        } catch (JsonProcessingException e) {
            return example.exampleJson();
        }
    }

    /** A record with its traces written as a field or inline, per the job's reasoning spec for {@code format}. */
    static JsonNode withTraces(JsonNode record, ExampleFormat format, ExportJob job) {
        ReasoningSpec reasoning = job.reasoning();
        if (!reasoning.on() || !record.isObject()) {
            return record;
        }
        return Reasoning.written(format, record, reasoning.modeFor(format), reasoning.fieldNameOrDefault());
    }

    /**
     * Examples converted to another format, one line at a time as the file is written; one that cannot be (tool
     * calls in Alpaca) is left out and named. An example that declares its own tools takes them along
     * ({@link ExampleFormat#convert}), also where it calls none: they teach when not to call one.
     */
    private static final class Converted {
        private final ExportJob job;
        private final ExampleFormat format;
        final List<String> problems = new ArrayList<>();
        long written;

        Converted(ExportJob job, ExampleFormat format) {
            this.job = job;
            this.format = format;
        }

        Iterator<String> lines(List<Outcome> examples) {
            return examples.stream().map(this::line).filter(Objects::nonNull).peek(line -> written++).iterator();
        }

        private String line(Outcome example) {
            try {
                JsonNode record = Json.MAPPER.readTree(example.exampleJson());
                ObjectNode converted = job.perExampleTools() ? job.format().convert(record, format)
                        : format.render(job.format().turns(record), job.tools());
                return withTraces(converted, format, job).toString();
            } catch (JsonProcessingException | RuntimeException e) {
                problems.add(example.candidateId() + ": " + e.getMessage());
                return null;
            }
        }
    }

    /** One line of {@code rejected.jsonl}: why the candidate was left out, and the example itself. */
    static String rejectedLine(Outcome outcome) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("candidateId", outcome.candidateId());
        line.put("cell", outcome.cell());
        line.put("status", outcome.status().name());
        if (outcome.status() == OutcomeStatus.DUPLICATE) {
            line.put("duplicateOf", outcome.duplicateOf());
            line.put("method", outcome.dedupMethod());
            if (outcome.similarity() != null) {
                line.put("similarity", outcome.similarity());
            }
        } else {
            var reasons = line.putArray("reasons");
            for (Reason reason : outcome.reasons()) {
                reasons.addObject().put("code", reason.code()).put("message", reason.message());
            }
        }
        try {
            line.set("example", Json.MAPPER.readTree(outcome.exampleJson()));
        } catch (JsonProcessingException e) {
            line.put("example", outcome.exampleJson());
        }
        return line.toString();
    }

    private static DatasetFile writeLines(Path dir, String name, List<String> lines) throws IOException {
        return writeLines(dir, name, lines.iterator());
    }

    /**
     * Writes each line as {@code lines} renders it, so a file of 10,000 examples never sits in memory as a whole
     * (only the outcomes it is rendered from do).
     */
    static DatasetFile writeLines(Path dir, String name, Iterator<String> lines) throws IOException {
        long count = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
            while (lines.hasNext()) {
                writer.write(lines.next());
                writer.write('\n');
                count++;
            }
        }
        return new DatasetFile(name, count);
    }

    /** Reads a written file back line by line, the way a trainer would: every line at fault as "file line N: why". */
    List<String> checkFile(Path dir, String name, ExampleFormat format) throws IOException {
        List<String> errors = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(dir.resolve(name), StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                errors.addAll(formatChecker.checkLine(name, ++number, line, format));
            }
        }
        return errors;
    }

    private static DatasetFile writeText(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        return new DatasetFile(name, text.lines().count());
    }

    private void moveIntoPlace(Path temp, Path target) throws IOException {
        if (Files.exists(target)) {
            Path previous = outputRoot.resolve("." + target.getFileName() + ".old-" + UUID.randomUUID());
            Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteQuietly(previous);
        } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a stray hidden directory is harmless; the dataset itself is complete
        }
    }
}
