package dev.seedforge.validator.service;

import java.time.Instant;

import dev.seedforge.contracts.Verdict;

/** A verdict as the validator keeps it: for which candidate of which job, and when it was reached. */
public record StoredVerdict(String candidateId, String jobId, Verdict verdict, Instant decidedAt) {
}
