package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.TextNormalizer;

/** The whole chain, embeddings included, on real text: Alpaca demos with planted paraphrases, identity answers. */
class SemanticDedupTest {

    private static DedupDecision decide(DetectorChain chain, String jobId, String id, String text) {
        return chain.decide(jobId, id, text).await().indefinitely();
    }

    private static List<String> alpacaInstructions(int count) throws IOException {
        List<Conversation> demos = Models.alpaca(Models.ALPACA_DEMOS);
        return demos.subList(0, count).stream().map(ComparedText.USER::of).toList();
    }

    @Test
    void plantedParaphrasesOfAlpacaDemosAreSemanticDuplicatesOfTheirOriginals() throws IOException {
        DetectorChain chain = Models.engine(JobPolicy.DEFAULT).chain();
        List<String> demos = alpacaInstructions(300);
        Map<String, Integer> duplicatesByMethod = new HashMap<>();
        for (int i = 0; i < demos.size(); i++) {
            DedupDecision decision = decide(chain, "alpaca", "demo-" + i, demos.get(i));
            if (decision.status() == DedupDecision.Status.DUPLICATE) {
                duplicatesByMethod.merge(decision.method(), 1, Integer::sum);
            }
        }
        for (Map.Entry<Integer, String> planted : Models.PARAPHRASES.entrySet()) {
            DedupDecision decision = decide(chain, "alpaca", "paraphrase-" + planted.getKey(), planted.getValue());
            assertEquals(DedupDecision.Status.DUPLICATE, decision.status(), planted.getValue());
            assertEquals("demo-" + planted.getKey(), decision.duplicateOf(), planted.getValue());
            assertEquals("embedding", decision.method(), planted.getValue());
            assertTrue(decision.similarity() >= 0.85 && decision.similarity() <= 1.0, planted.getValue());
        }
        // the 300 demos themselves hold few near-duplicates: the planted ones are not drowned in false positives
        assertTrue(duplicatesByMethod.values().stream().mapToInt(Integer::intValue).sum() <= 6,
                duplicatesByMethod.toString());
    }

    /**
     * The Chinese Alpaca demos are as distinct as the English ones, and the main (English) model cannot see it: it put
     * 206 of their 44,850 pairs at cosine 0.85 or more. Read by the model of Chinese texts they hold few duplicates,
     * and paraphrases planted among them are still found.
     */
    @Test
    void chineseAlpacaDemosAreReadByTheModelOfChineseTexts() throws IOException {
        List<String> demos = Models.alpaca(Models.ALPACA_ZH_DEMOS).subList(0, 300).stream().map(ComparedText.USER::of)
                .toList();
        assertTrue(demos.stream().allMatch(text -> TextScript.of(text) == TextScript.HAN));
        DetectorChain english = Models.engineReadingEveryScriptWithTheMainModel(JobPolicy.DEFAULT).chain();
        DetectorChain chinese = Models.engine(JobPolicy.DEFAULT).chain();
        int englishDuplicates = 0;
        Map<String, Integer> chineseDuplicates = new HashMap<>();
        for (int i = 0; i < demos.size(); i++) {
            if (decide(english, "zh", "demo-" + i, demos.get(i)).status() == DedupDecision.Status.DUPLICATE) {
                englishDuplicates++;
            }
            DedupDecision decision = decide(chinese, "zh", "demo-" + i, demos.get(i));
            if (decision.status() == DedupDecision.Status.DUPLICATE) {
                chineseDuplicates.merge(decision.method(), 1, Integer::sum);
            }
        }
        System.out.printf("[dedup] 300 Chinese Alpaca demos: %d duplicates by the English model alone, %s with the"
                + " model of Chinese texts%n", englishDuplicates, chineseDuplicates);
        assertTrue(englishDuplicates >= 30, "the English model alone: " + englishDuplicates + " duplicates");
        assertTrue(chineseDuplicates.values().stream().mapToInt(Integer::intValue).sum() <= 6,
                chineseDuplicates.toString());
        Map<Integer, String> paraphrases = Map.of(7, "请列出野营应急包里应该放的七样东西。", 20, "请给出乘坐公共交通工具时的五条安全建议。", 33,
                "写一段两个朋友共进晚餐时的对话。");
        for (Map.Entry<Integer, String> planted : paraphrases.entrySet()) {
            DedupDecision decision = decide(chinese, "zh", "paraphrase-" + planted.getKey(), planted.getValue());
            assertEquals(DedupDecision.Status.DUPLICATE, decision.status(), planted.getValue());
            assertEquals("demo-" + planted.getKey(), decision.duplicateOf(), planted.getValue());
            assertEquals("embedding", decision.method(), planted.getValue());
        }
        Map<String, byte[]> kept = chinese.fingerprints(demos.get(0));
        assertTrue(kept.containsKey(EmbeddingDuplicateDetector.NAME_HAN) && !kept.containsKey(EmbeddingDuplicateDetector.NAME),
                kept.keySet().toString());
        Map<String, byte[]> english0 = chinese.fingerprints("Give three tips for staying healthy.");
        assertTrue(english0.containsKey(EmbeddingDuplicateDetector.NAME)
                && !english0.containsKey(EmbeddingDuplicateDetector.NAME_HAN), english0.keySet().toString());
    }

    /**
     * all-MiniLM-L6-v2 gives every Thai text the same vector (its vocabulary has none of their letters): read by it, a
     * Thai job kept one example. Thai is a script no in-process model reads, so exact and MinHash alone compare it.
     */
    @Test
    void thaiTextsAreComparedLexicallyAlone() {
        List<String> requests = List.of("สั่งสินค้าไปหนึ่งสัปดาห์แล้วยังไม่ได้รับเลย ช่วยตรวจสอบการจัดส่งให้หน่อย",
                "รองเท้าไม่พอดี อยากคืนสินค้าต้องทำอย่างไร", "บัตรเครดิตถูกตัดเงินสองครั้ง กรุณาคืนเงินส่วนเกิน",
                "ลืมรหัสผ่านและเข้าสู่ระบบไม่ได้", "ร้านเปิดกี่โมงในวันหยุดสุดสัปดาห์");
        DetectorChain english = Models.engineReadingEveryScriptWithTheMainModel(JobPolicy.DEFAULT).chain();
        DetectorChain routed = Models.engine(JobPolicy.DEFAULT).chain();
        int englishDuplicates = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (decide(english, "th", "t-" + i, requests.get(i)).status() == DedupDecision.Status.DUPLICATE) {
                englishDuplicates++;
            }
            assertEquals(DedupDecision.Status.UNIQUE, decide(routed, "th", "t-" + i, requests.get(i)).status(),
                    requests.get(i));
        }
        assertEquals(requests.size() - 1, englishDuplicates, "read by the English model, all but the first are one");
        assertTrue(routed.fingerprints(requests.get(0)).keySet().stream().noneMatch(name -> name.startsWith("embedding")));
        // still a duplicate when it repeats one, by its characters
        DedupDecision repeat = decide(routed, "th", "t-repeat", "ลืมรหัสผ่านและเข้าสู่ระบบไม่ได้ค่ะ");
        assertEquals(DedupDecision.Status.DUPLICATE, repeat.status());
        assertEquals("t-3", repeat.duplicateOf());
    }

    @Test
    void semanticThresholdMatchesAtTheCosineAndNotJustAbove() {
        String kept = "What are the benefits of exercising?";
        String paraphrase = "What are the advantages of working out?";
        TextEmbedder embedder = Models.embedder();
        double cosine = TextEmbedder.cosine(embedder.embed(kept), embedder.embed(paraphrase));
        assertTrue(cosine > 0.5 && cosine < 1.0, "cosine " + cosine);
        for (double threshold : new double[] { cosine, Math.nextUp(cosine) }) {
            DetectorChain chain = Models.engine(new JobPolicy(0.8, threshold, 0.3, 5, Set.of())).chain();
            decide(chain, "job", "c-1", kept);
            DedupDecision decision = decide(chain, "job", "c-2", paraphrase);
            if (threshold == cosine) {
                assertEquals("c-1", decision.duplicateOf());
                assertEquals("embedding", decision.method());
                assertEquals(cosine, decision.similarity(), 1e-6);
            } else {
                assertEquals(DedupDecision.Status.UNIQUE, decision.status());
                assertEquals(cosine, decision.nearestSimilarity(), 1e-6);
                assertEquals(List.of(new DedupDecision.Neighbour("c-1", "embedding", decision.nearestSimilarity())),
                        decision.related());
            }
        }
    }

    @Test
    void identityTemplatedAnswersCollapseByMethodCheapestFirst() throws IOException {
        DetectorChain chain = Models.engine(JobPolicy.DEFAULT).chain();
        List<Conversation> identity = Models.alpaca("/data/llamafactory-identity.json");
        TextNormalizer normalizer = new TextNormalizer();
        Set<String> seen = new HashSet<>();
        int expectedExact = 0;
        Map<String, Integer> byMethod = new HashMap<>();
        for (int i = 0; i < identity.size(); i++) {
            String answer = ComparedText.ASSISTANT.of(identity.get(i));
            DedupDecision decision = decide(chain, "identity", "id-" + i, answer);
            // only kept (unique) answers are indexed: a repeat of a kept answer is exact, whatever came between
            if (seen.contains(normalizer.normalize(answer))) {
                expectedExact++;
                assertEquals("exact", decision.method(), answer);
            } else if (decision.status() == DedupDecision.Status.UNIQUE) {
                seen.add(normalizer.normalize(answer));
            }
            if (decision.status() == DedupDecision.Status.DUPLICATE) {
                byMethod.merge(decision.method(), 1, Integer::sum);
                int original = Integer.parseInt(decision.duplicateOf().substring(3));
                assertTrue(original < i, "a duplicate matches an earlier example");
            }
        }
        assertEquals(expectedExact, byMethod.get("exact"));
        assertTrue(expectedExact >= 2, "identity.json repeats answers: " + expectedExact);
        // templated answers differ by a word or two ("developed"/"trained"/"created"): the embedding sees it
        assertTrue(byMethod.getOrDefault("embedding", 0) + byMethod.getOrDefault("minhash", 0) >= 20, byMethod.toString());
    }

    @Test
    void uniqueDecisionsCarryTheirNearestEarlierCandidateAndRelatedOnes() throws IOException {
        DetectorChain chain = Models.engine(JobPolicy.DEFAULT).chain();
        TextEmbedder embedder = Models.embedder();
        chain.remember("job", "seed:0", "Explain the concept of e-commerce.").await().indefinitely();
        List<String> demos = alpacaInstructions(120);
        List<float[]> kept = new ArrayList<>();
        for (int i = 0; i < demos.size(); i++) {
            DedupDecision decision = decide(chain, "job", "demo-" + i, demos.get(i));
            float[] vector = embedder.embed(demos.get(i));
            if (decision.status() != DedupDecision.Status.UNIQUE) {
                continue;
            }
            double nearest = kept.stream().mapToDouble(other -> TextEmbedder.cosine(vector, other)).max().orElse(-2);
            if (kept.isEmpty()) {
                assertNull(decision.nearestSimilarity());
            } else {
                assertNotNull(decision.nearestSimilarity());
                assertEquals(nearest, decision.nearestSimilarity(), 1e-4, demos.get(i));
            }
            assertTrue(decision.related().size() <= 5);
            decision.related().forEach(r -> assertTrue(r.similarity() >= 0.7 && r.candidateId().startsWith("demo-")));
            kept.add(vector);
        }
        // demo 11 is the seed's text: it is the seed's duplicate, and the seed never shows up as "related"
        assertEquals("seed:0", decide(chain, "job", "again-11", demos.get(11)).duplicateOf());
    }

    @Test
    void aFreshEngineRestoredFromStoredFingerprintsStillCatchesDuplicates() throws IOException {
        DedupEngine before = Models.engine(JobPolicy.DEFAULT);
        Map<String, Map<String, byte[]>> database = new LinkedHashMap<>();
        List<String> demos = alpacaInstructions(100);
        for (int i = 0; i < demos.size(); i++) {
            DetectorChain.Evaluation evaluation = before.chain().evaluate("job", "demo-" + i, demos.get(i)).await()
                    .indefinitely();
            if (evaluation.decision().status() == DedupDecision.Status.UNIQUE) {
                database.put("demo-" + i, evaluation.fingerprints());
                before.chain().restore("job", "demo-" + i, evaluation.fingerprints());
            }
        }
        assertEquals(Set.of("exact", "minhash", "embedding"), database.get("demo-0").keySet());

        DedupEngine after = Models.engine(JobPolicy.DEFAULT);
        database.forEach((origin, fingerprints) -> after.chain().restore("job", origin, fingerprints));
        assertEquals(DedupDecision.duplicateOf("demo-26", "exact", 1.0),
                decide(after.chain(), "job", "new-1", "WHAT are the benefits of exercising?"));
        DedupDecision paraphrase = decide(after.chain(), "job", "new-2", Models.PARAPHRASES.get(26));
        assertEquals("demo-26", paraphrase.duplicateOf());
        assertEquals("embedding", paraphrase.method());
        // a replayed candidate matches only itself: it is not its own duplicate
        assertEquals(DedupDecision.Status.UNIQUE,
                after.chain().evaluate("job", "demo-26", demos.get(26)).await().indefinitely().decision().status());
    }
}
