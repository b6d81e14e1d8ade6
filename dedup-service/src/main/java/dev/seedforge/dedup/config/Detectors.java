package dev.seedforge.dedup.config;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.seedforge.dedup.domain.DetectorChain;
import dev.seedforge.dedup.domain.ExactDuplicateDetector;
import dev.seedforge.dedup.domain.TextNormalizer;
import dev.seedforge.dedup.persistence.PanacheFingerprintIndex;

/** Wires the plain-Java detectors to their PostgreSQL indexes; lexical and semantic detectors join the chain here. */
@ApplicationScoped
public class Detectors {

    @Produces
    @ApplicationScoped
    DetectorChain detectorChain(PanacheFingerprintIndex fingerprints) {
        return new DetectorChain(List.of(new ExactDuplicateDetector(new TextNormalizer(), fingerprints)));
    }
}
