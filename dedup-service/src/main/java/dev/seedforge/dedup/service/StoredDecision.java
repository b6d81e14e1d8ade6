package dev.seedforge.dedup.service;

import java.time.Instant;

import dev.seedforge.contracts.DedupDecision;

/** A decision as dedup keeps it: for which candidate of which job, and when it was reached. */
public record StoredDecision(String candidateId, String jobId, DedupDecision decision, Instant decidedAt) {
}
