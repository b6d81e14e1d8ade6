package dev.seedforge.exporter.api;

import com.fasterxml.jackson.databind.JsonNode;

/** One dataset: its manifest and its quality report ({@code null} for a job that ended without files). */
public record DatasetDetails(DatasetManifest manifest, JsonNode report) {
}
