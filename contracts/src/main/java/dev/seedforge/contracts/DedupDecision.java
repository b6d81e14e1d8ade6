package dev.seedforge.contracts;

/**
 * Dedup's decision, with its provenance: what a duplicate matched ({@code duplicateOf}: a candidate id, or
 * {@code seed:N}), by which method, at what similarity. Rejected candidates are passed on as {@link Status#NOT_CHECKED}.
 */
public record DedupDecision(Status status, String duplicateOf, String method, Double similarity) {

    public enum Status {
        UNIQUE,
        DUPLICATE,
        NOT_CHECKED
    }

    public static final String METHOD_EXACT = "exact";

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
