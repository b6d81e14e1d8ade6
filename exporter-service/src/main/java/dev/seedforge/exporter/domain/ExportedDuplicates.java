package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DedupSpec;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.TextNormalizer;

/**
 * The exporter's own check of the set it hands over, which is what the quality gate's duplicate ratio judges: an
 * exported example is a duplicate when its compared text (the job's {@code dedup.compare}: user turns by default)
 * equals, after dedup's own normalisation (contracts {@link TextNormalizer}), that of a seed or of an exported example with a
 * smaller
 * candidate id, or when dedup listed an exported example as its neighbour at or above the job's duplicate threshold
 * for that method. Dedup removes all of these upstream, so any found here is a leak (a race, a misconfiguration, a
 * redelivery answered differently) that the user should not receive silently.
 */
public record ExportedDuplicates(long checked, long duplicates, long ofSeeds, long exact, long near, double ratio,
        List<String> examples) {

    /** Dedup's documented defaults, used when a job sets no threshold of its own. */
    public static final double DEFAULT_LEXICAL_THRESHOLD = 0.80;
    public static final double DEFAULT_SEMANTIC_THRESHOLD = 0.85;
    private static final int MAX_EXAMPLES = 10;

    public ExportedDuplicates {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    public static ExportedDuplicates none(long checked) {
        return new ExportedDuplicates(checked, 0, 0, 0, 0, 0, List.of());
    }

    /** The job's {@code dedup.compare} ({@code user} when unset). */
    static String comparedOf(ExportJob job) {
        DedupSpec dedup = job.spec() == null ? DedupSpec.DEFAULT : job.spec().dedupOrDefault();
        return dedup.compare() == null ? "user" : dedup.compare().toLowerCase(Locale.ROOT);
    }

    public static ExportedDuplicates of(List<Outcome> exported, ExportJob job) {
        DedupSpec dedup = job.spec() == null ? DedupSpec.DEFAULT : job.spec().dedupOrDefault();
        String compare = comparedOf(job);
        double lexical = dedup.lexicalThreshold() == null ? DEFAULT_LEXICAL_THRESHOLD : dedup.lexicalThreshold();
        double semantic = dedup.semanticThreshold() == null ? DEFAULT_SEMANTIC_THRESHOLD : dedup.semanticThreshold();
        List<Conversation> seeds = job.spec() == null ? List.of() : job.spec().seeds();
        return of(exported, job.format(), seeds, compare, lexical, semantic);
    }

    static ExportedDuplicates of(List<Outcome> exported, ExampleFormat format, List<Conversation> seeds,
            String compare, double lexicalThreshold, double semanticThreshold) {
        Map<String, String> firstWithText = new HashMap<>();
        for (int i = 0; i < seeds.size(); i++) {
            String text = normalize(compared(seeds.get(i).messages(), compare));
            if (!text.isEmpty()) {
                firstWithText.putIfAbsent(text, "seed:" + i);
            }
        }
        Set<String> ids = new HashSet<>();
        exported.forEach(o -> ids.add(o.candidateId()));
        long ofSeeds = 0;
        long exact = 0;
        long near = 0;
        List<String> examples = new ArrayList<>();
        for (Outcome outcome : exported.stream().sorted(Comparator.comparing(Outcome::candidateId)).toList()) {
            String text = normalize(compared(turns(outcome, format), compare));
            String match = text.isEmpty() ? null : firstWithText.putIfAbsent(text, outcome.candidateId());
            if (match != null) {
                if (match.startsWith("seed:")) {
                    ofSeeds++;
                } else {
                    exact++;
                }
                describe(examples, outcome.candidateId() + " repeats " + match + " (same " + compare + " text)");
                continue;
            }
            for (DedupDecision.Neighbour neighbour : outcome.related()) {
                double threshold = DedupDecision.METHOD_LEXICAL.equals(neighbour.method()) ? lexicalThreshold
                        : semanticThreshold;
                if (ids.contains(neighbour.candidateId()) && !neighbour.candidateId().equals(outcome.candidateId())
                        && neighbour.similarity() >= threshold) {
                    near++;
                    describe(examples, String.format(Locale.ROOT, "%s is a near-duplicate of %s (%s %.3f >= %.2f)",
                            outcome.candidateId(), neighbour.candidateId(), neighbour.method(),
                            neighbour.similarity(), threshold));
                    break;
                }
            }
        }
        long duplicates = ofSeeds + exact + near;
        return new ExportedDuplicates(exported.size(), duplicates, ofSeeds, exact, near,
                exported.isEmpty() ? 0 : (double) duplicates / exported.size(), examples);
    }

    private static void describe(List<String> examples, String text) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(text);
        }
    }

    private static List<ChatTurn> turns(Outcome outcome, ExampleFormat format) {
        try {
            return format.turns(Json.MAPPER.readTree(outcome.exampleJson()));
        } catch (Exception e) {
            return List.of();
        }
    }

    /** The text dedup compares ({@code user}, {@code assistant} or {@code whole}): contracts {@link ComparedText}. */
    static String compared(List<ChatTurn> turns, String compare) {
        return ComparedText.named(compare, ComparedText.USER).of(turns);
    }

    static String normalize(String text) {
        return TextNormalizer.INSTANCE.normalize(text);
    }
}
