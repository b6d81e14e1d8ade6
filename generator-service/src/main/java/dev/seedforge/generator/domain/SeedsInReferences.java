package dev.seedforge.generator.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.ReferenceSet;
import dev.seedforge.contracts.TextNormalizer;

/**
 * Seeds that are examples of one of the job's reference sets (an evaluation set to keep out of training, an earlier
 * dataset): the teacher imitates its seeds, so the dataset would be written from the very examples it must not repeat,
 * and dedup catches only the imitations close enough to tell. "The same" is dedup's exact rule: the compared text
 * ({@code dedup.compare}, user turns by default), normalised.
 */
public final class SeedsInReferences {

    private SeedsInReferences() {
    }

    /** Each such seed's index, with the reference set it is in and what that set is for. */
    public static Map<Integer, String> find(JobSpec spec) {
        Map<Integer, String> found = new LinkedHashMap<>();
        if (spec.dedup() == null || spec.dedup().references().isEmpty()) {
            return found;
        }
        ComparedText compared = ComparedText.named(spec.dedup().compare(), ComparedText.USER);
        Map<String, ReferenceSet> texts = new LinkedHashMap<>();
        for (ReferenceSet set : spec.dedup().references()) {
            for (Conversation example : set.examples()) {
                texts.putIfAbsent(normalised(compared, example), set);
            }
        }
        for (int i = 0; i < spec.seeds().size(); i++) {
            ReferenceSet set = texts.get(normalised(compared, spec.seeds().get(i)));
            if (set != null) {
                found.put(i, "is an example of the reference set '" + set.name() + "' ("
                        + (ReferenceSet.DECONTAMINATE.equals(set.purpose())
                                ? "an evaluation set kept out of training: imitations of it would leak it into the"
                                        + " dataset"
                                : "examples the dataset must not repeat: its imitations would be dropped as"
                                        + " duplicates")
                        + ")");
            }
        }
        return found;
    }

    private static String normalised(ComparedText compared, Conversation example) {
        return TextNormalizer.INSTANCE.normalize(compared.of(example));
    }
}
