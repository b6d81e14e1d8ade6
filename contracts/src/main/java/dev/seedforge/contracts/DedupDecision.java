package dev.seedforge.contracts;

import java.util.List;

/**
 * Dedup's decision, with its provenance: what a duplicate matched ({@code duplicateOf}: a candidate id,
 * {@code seed:N}, or {@code reference:<name>:N}), by which method, at what similarity. Rejected candidates are passed
 * on as {@link Status#NOT_CHECKED}.
 * <p>
 * {@code related} lists earlier accepted examples that are close but not duplicates (above the related threshold),
 * so the exporter can keep them on the same side of the split; {@code nearestSimilarity} is the similarity to the
 * closest earlier accepted example, for the diversity score. Both are empty/null where dedup did not compute them.
 */
public record DedupDecision(Status status, String duplicateOf, String method, Double similarity,
        List<Neighbour> related, Double nearestSimilarity) {

    public enum Status {
        UNIQUE,
        DUPLICATE,
        NOT_CHECKED
    }

    /** A close, earlier accepted example. */
    public record Neighbour(String candidateId, String method, double similarity) {
    }

    public static final String METHOD_EXACT = "exact";
    public static final String METHOD_LEXICAL = "minhash";
    public static final String METHOD_SEMANTIC = "embedding";
    public static final String METHOD_DECONTAMINATION = "decontamination";

    public DedupDecision {
        related = related == null ? List.of() : List.copyOf(related);
    }

    public DedupDecision(Status status, String duplicateOf, String method, Double similarity) {
        this(status, duplicateOf, method, similarity, List.of(), null);
    }

    public static DedupDecision unique() {
        return new DedupDecision(Status.UNIQUE, null, null, null);
    }

    public static DedupDecision notChecked() {
        return new DedupDecision(Status.NOT_CHECKED, null, null, null);
    }

    public static DedupDecision duplicateOf(String original, String method, double similarity) {
        return new DedupDecision(Status.DUPLICATE, original, method, similarity);
    }
}
