package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.TextNormalizer;

class DetectorChainTest {

    private final InMemoryFingerprintIndex index = new InMemoryFingerprintIndex();
    private final ExactDuplicateDetector exact = new ExactDuplicateDetector(new TextNormalizer(), index);
    private final DetectorChain chain = new DetectorChain(List.of(exact));

    private static DedupDecision await(Uni<DedupDecision> decision) {
        return decision.await().indefinitely();
    }

    @Test
    void firstTextIsUniqueAndItsNormalisedRepeatIsADuplicateOfIt() {
        assertEquals(DedupDecision.unique(), await(chain.decide("job-1", "c-1", "Name three primary colors.")));
        assertEquals(DedupDecision.duplicateOf("c-1", "exact", 1.0),
                await(chain.decide("job-1", "c-2", "  NAME three\nprimary colors. ")));
        assertEquals(1, index.size());
    }

    @Test
    void aCandidateRepeatingASeedIsADuplicateOfThatSeed() {
        chain.rememberSeeds("job-1", List.of("Translate 'hello' to French.", "Name three primary colors."))
                .await().indefinitely();
        assertEquals(DedupDecision.duplicateOf("seed:1", "exact", 1.0),
                await(chain.decide("job-1", "c-1", "name three primary colors.")));
        assertEquals(DedupDecision.unique(), await(chain.decide("job-1", "c-2", "Name four primary colors.")));
    }

    @Test
    void jobsDoNotShareTheirIndex() {
        await(chain.decide("job-1", "c-1", "Name three primary colors."));
        assertEquals(DedupDecision.unique(), await(chain.decide("job-2", "c-2", "Name three primary colors.")));
    }

    @Test
    void firstMatchingDetectorDecidesAndLaterOnesAreNotAsked() {
        List<String> asked = new ArrayList<>();
        DuplicateDetector later = new DuplicateDetector() {
            @Override
            public Uni<Optional<Match>> findMatch(String jobId, String text) {
                asked.add(text);
                return Uni.createFrom().item(text.startsWith("Other") ? Optional.of(new Match("c-9", "minhash", 0.9))
                        : Optional.empty());
            }

            @Override
            public Uni<Void> remember(String jobId, String originId, String text) {
                return Uni.createFrom().voidItem();
            }
        };
        DetectorChain twoDetectors = new DetectorChain(List.of(exact, later));
        await(twoDetectors.decide("job-1", "c-1", "Exact text"));
        assertEquals(DedupDecision.duplicateOf("c-1", "exact", 1.0),
                await(twoDetectors.decide("job-1", "c-2", "exact TEXT")));
        assertEquals(List.of("Exact text"), asked);
        assertEquals(DedupDecision.duplicateOf("c-9", "minhash", 0.9),
                await(twoDetectors.decide("job-1", "c-3", "Other text")));
        assertEquals(List.of("Exact text", "Other text"), asked);
    }

    @Test
    void alpacaDemoHasFourteenExactRepeats() throws IOException {
        JsonNode demos;
        try (InputStream in = getClass().getResourceAsStream("/data/llamafactory-alpaca-en-demo.json")) {
            demos = Json.MAPPER.readTree(in);
        }
        Map<DedupDecision.Status, Integer> counts = new HashMap<>();
        Map<Integer, DedupDecision> decisions = new HashMap<>();
        for (int i = 0; i < demos.size(); i++) {
            String userText = ComparedText.USER.of(new Conversation(ExampleFormat.ALPACA.turns(demos.get(i))));
            DedupDecision decision = await(chain.decide("alpaca", "demo-" + i, userText));
            counts.merge(decision.status(), 1, Integer::sum);
            decisions.put(i, decision);
        }
        assertEquals(985, counts.get(DedupDecision.Status.UNIQUE));
        assertEquals(14, counts.get(DedupDecision.Status.DUPLICATE));
        // "Describe the color yellow in 3 words." appears as records 398, 508 and 847
        assertEquals(DedupDecision.unique(), decisions.get(398));
        assertEquals("demo-398", decisions.get(508).duplicateOf());
        assertEquals("demo-398", decisions.get(847).duplicateOf());
        assertTrue(decisions.values().stream().filter(d -> d.status() == DedupDecision.Status.DUPLICATE)
                .allMatch(d -> "exact".equals(d.method()) && d.similarity() == 1.0));
    }
}
