package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;

/**
 * An evaluation set kept out of the training data (a reference file of Alpaca demos): a candidate that repeats or
 * paraphrases one of its examples is a duplicate by {@code decontamination}; a {@code previous} set is plain dedup.
 */
class DecontaminationTest {

    @Test
    void candidatesMatchingTheEvaluationSetAreContaminationAndPreviousSetsAreDuplicates() throws IOException {
        List<Conversation> evaluation = Models.alpaca("/eval-reference.json");
        DetectorChain chain = Models.engine(JobPolicy.DEFAULT.withDecontaminationSets(Set.of("eval"))).chain();
        chain.policies().set("job", chain.policies().defaults().withDecontaminationSets(Set.of("eval")));
        for (int i = 0; i < evaluation.size(); i++) {
            chain.remember("job", Origins.reference("eval", i), ComparedText.USER.of(evaluation.get(i)))
                    .await().indefinitely();
        }
        chain.remember("job", Origins.reference("last-year", 0), "Write a haiku about the autumn rain.")
                .await().indefinitely();

        DedupDecision verbatim = decide(chain, "c-1", ComparedText.USER.of(evaluation.get(0)));
        assertEquals(DedupDecision.duplicateOf("reference:eval:0", "decontamination", 1.0), verbatim);

        DedupDecision reworded = decide(chain, "c-2", "What are the benefits of doing exercise?");
        assertEquals("reference:eval:1", reworded.duplicateOf());
        assertEquals("decontamination", reworded.method());
        assertTrue(reworded.similarity() >= 0.85);

        DedupDecision previous = decide(chain, "c-3", "write a haiku about the AUTUMN rain.");
        assertEquals(DedupDecision.duplicateOf("reference:last-year:0", "exact", 1.0), previous);

        assertEquals(DedupDecision.Status.UNIQUE, decide(chain, "c-4", "Translate 'good night' into Spanish.").status());
    }

    private static DedupDecision decide(DetectorChain chain, String id, String text) {
        return chain.decide("job", id, text).await().indefinitely();
    }
}
