package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.seedforge.contracts.DedupDecision;

/**
 * The related pairs among the exported examples, from dedup's {@code related} neighbours: those at or above the
 * threshold become links the split keeps together, and all of them measure how close validation comes to train.
 */
final class RelatedPairs {

    private final List<DatasetSplitter.Link> pairs;
    private final List<DatasetSplitter.Link> links;
    private final boolean measured;
    private final int examples;

    private RelatedPairs(List<DatasetSplitter.Link> pairs, List<DatasetSplitter.Link> links, boolean measured,
            int examples) {
        this.pairs = pairs;
        this.links = links;
        this.measured = measured;
        this.examples = examples;
    }

    static RelatedPairs of(List<Outcome> exported, double threshold) {
        Set<String> ids = new HashSet<>();
        exported.forEach(o -> ids.add(o.candidateId()));
        List<DatasetSplitter.Link> pairs = new ArrayList<>();
        boolean measured = false;
        for (Outcome outcome : exported) {
            measured |= outcome.nearestSimilarity() != null || !outcome.related().isEmpty();
            for (DedupDecision.Neighbour neighbour : outcome.related()) {
                if (neighbour.candidateId() != null && ids.contains(neighbour.candidateId())
                        && !neighbour.candidateId().equals(outcome.candidateId())) {
                    pairs.add(new DatasetSplitter.Link(outcome.candidateId(), neighbour.candidateId(),
                            neighbour.similarity()));
                }
            }
        }
        List<DatasetSplitter.Link> links = pairs.stream().filter(p -> p.similarity() >= threshold).toList();
        return new RelatedPairs(pairs, links, measured, exported.size());
    }

    List<DatasetSplitter.Link> links() {
        return links;
    }

    QualityReport.SplitReport report(DatasetSplitter.Split<Outcome> split, ExportJob job, double threshold) {
        Set<String> validation = new HashSet<>();
        split.validation().forEach(o -> validation.add(o.candidateId()));
        long cross = 0;
        Double largest = null;
        for (DatasetSplitter.Link pair : pairs) {
            if (validation.contains(pair.a()) != validation.contains(pair.b())) {
                cross++;
                largest = largest == null ? pair.similarity() : Math.max(largest, pair.similarity());
            }
        }
        Map<String, String> parent = new HashMap<>();
        for (DatasetSplitter.Link link : links) {
            String a = root(parent, link.a());
            String b = root(parent, link.b());
            if (!a.equals(b)) {
                parent.put(a, b);
            }
        }
        Map<String, Integer> sizes = new HashMap<>();
        Set<String> linked = new HashSet<>();
        links.forEach(l -> {
            linked.add(l.a());
            linked.add(l.b());
        });
        linked.forEach(id -> sizes.merge(root(parent, id), 1, Integer::sum));
        long groups = examples - linked.size() + sizes.size();
        long largestGroup = sizes.values().stream().mapToLong(Integer::longValue).max().orElse(examples == 0 ? 0 : 1);
        String note;
        if (!measured) {
            note = "dedup reported no similarities for this job: the split is seeded and stratified, but how close"
                    + " validation comes to train is unknown";
        } else if (largest == null) {
            note = "no related pair crosses the split: every validation example is less similar to every training"
                    + " example than dedup's related threshold";
        } else {
            note = String.format(Locale.ROOT, "%d related pair(s) below the split threshold %.2f cross the split;"
                    + " the closest at %.3f", cross, threshold, largest);
        }
        CrossSplitSimilarity.Closest lexical = CrossSplitSimilarity.of(split.train(), split.validation(),
                job.format(), ExportedDuplicates.comparedOf(job));
        return new QualityReport.SplitReport(job.randomSeed(), job.validationRatio(), threshold, measured,
                pairs.size(), groups, largestGroup, cross, largest, lexical.similarity(),
                lexical.similarity() == null ? null : lexical.validationId() + " ~ " + lexical.trainId(),
                lexical.pairs(), note);
    }

    private static String root(Map<String, String> parent, String id) {
        String current = id;
        while (parent.containsKey(current)) {
            current = parent.get(current);
        }
        return current;
    }
}
