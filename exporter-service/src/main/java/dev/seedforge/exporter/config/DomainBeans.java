package dev.seedforge.exporter.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.seedforge.exporter.domain.DatasetExporter;
import dev.seedforge.exporter.domain.QualityGate;

/** Builds the plain-Java domain objects from the configuration. */
public class DomainBeans {

    @Produces
    @Singleton
    DatasetExporter datasetExporter(ExporterConfig config) {
        return DatasetExporter.create(config.outputDir(),
                new QualityGate(config.gate().minCount(), config.gate().maxDuplicateRatio()), config.relatedThreshold());
    }
}
