package dev.seedforge.exporter.domain;

import java.nio.file.Path;
import java.util.List;

/** A dataset as written: its directory, its files and the report computed while writing it. */
public record ExportResult(Path directory, List<DatasetFile> files, QualityReport report) {

    public ExportResult {
        files = List.copyOf(files);
    }

    public List<String> fileNames() {
        return files.stream().map(DatasetFile::name).toList();
    }
}
