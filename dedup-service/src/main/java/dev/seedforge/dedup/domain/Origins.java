package dev.seedforge.dedup.domain;

/** How kept examples that are not candidates are named: {@code seed:N} and {@code reference:<name>:N}. */
public final class Origins {

    public static final String SEED_PREFIX = "seed:";
    public static final String REFERENCE_PREFIX = "reference:";

    private Origins() {
    }

    public static String seed(int index) {
        return SEED_PREFIX + index;
    }

    public static String reference(String name, int index) {
        return REFERENCE_PREFIX + name + ":" + index;
    }

    /** True for an earlier accepted candidate of the job, false for a seed or a reference example. */
    public static boolean isCandidate(String originId) {
        return !originId.startsWith(SEED_PREFIX) && !originId.startsWith(REFERENCE_PREFIX);
    }

    /** The reference set's name of a {@code reference:<name>:N} origin, else null. */
    public static String referenceSet(String originId) {
        if (!originId.startsWith(REFERENCE_PREFIX)) {
            return null;
        }
        String rest = originId.substring(REFERENCE_PREFIX.length());
        int colon = rest.lastIndexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}
