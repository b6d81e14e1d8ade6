package dev.seedforge.validator.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JudgeSpec;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Verdict;

/** The judge's plain-Java parts: reading its answer strictly, ruling on scores, batching candidates per job. */
public class JudgeTest {

    private static final List<String> CRITERIA = List.of("clarity", "quality", "realism");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService calls = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        timer.shutdownNow();
        calls.shutdownNow();
    }

    public static Candidate candidate(String jobId, String id) {
        return new Candidate(SchemaVersions.CURRENT, id, jobId, Candidate.DEFAULT_CELL, ExampleFormat.OPENAI,
                ExampleFormat.OPENAI.render(List.of(ChatTurn.of("user", "Delete task #4."),
                        ChatTurn.of("assistant", "Deleted task #4: 'Plan offsite'"))),
                new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0));
    }

    public static JobSpec spec(int batchSize) {
        return JobSpec.builder().task("Task API").format(ExampleFormat.OPENAI).target(10)
                .judge(new JudgeSpec(true, null, 6, batchSize)).build().withDefaults();
    }

    @Test
    void answerIsReadAsARowOfScoresPerExampleInTheRubricsOrder() {
        JudgeScores scores = JudgeScores.parse("""
                {"scores":{"1":[3,9,8],"0":[8,7,9]},"weaknesses":[{"example":1,"weakness":"vague"}]}""",
                CRITERIA, 2);
        assertEquals(List.of("clarity", "quality", "realism"), List.copyOf(scores.scores().get(0).byCriterion()
                .keySet()));
        assertEquals(Map.of("clarity", 8, "quality", 7, "realism", 9), scores.scores().get(0).byCriterion());
        assertEquals(Map.of("clarity", 3, "quality", 9, "realism", 8), scores.scores().get(1).byCriterion());
        assertEquals("", scores.scores().get(0).comment());
        assertEquals("vague", scores.scores().get(1).comment());
        assertThrows(JudgeScores.MalformedJudgeAnswerException.class, () -> JudgeScores.parse(
                "{\"scores\":{\"0\":[8,7,9]},\"weaknesses\":[]}", CRITERIA, 2));
    }

    @Test
    void aRowNamingItsCriteriaIsReadAndAWeaknessOfAnUnknownExampleIsIgnored() {
        JudgeScores scores = JudgeScores.parse("""
                {"scores":{"0":{"realism":9,"clarity":8,"quality":7}},
                 "weaknesses":[{"example":7,"weakness":"not shown"},{"example":0,"weakness":"  "}]}""", CRITERIA,
                1);
        assertEquals(Map.of("clarity", 8, "quality", 7, "realism", 9), scores.scores().get(0).byCriterion());
        assertEquals("", scores.scores().get(0).comment());
    }

    @Test
    void malformedAnswersAreRefused() {
        for (String[] bad : new String[][] {
                { "{\"scores\":{\"0\":[8,7]}}", "expected 3 scores (clarity, quality, realism)" },
                { "{\"scores\":{\"0\":{\"clarity\":8,\"quality\":7}}}", "'realism' must be an integer" },
                { "{\"scores\":{\"0\":[11,7,9]}}", "'clarity' must be" },
                { "{\"scores\":{\"0\":[\"8\",7,9]}}", "'clarity' must be" },
                { "{\"scores\":{\"0\":[8,0,9]}}", "'quality' must be" },
                { "{\"scores\":{}}", "no scores for examples [0]" },
                { "{\"scores\":{\"1\":[8,7,9]}}", "no scores for examples [0]" },
                { "{\"scores\":[[8,7,9]]}", "no 'scores' object" },
                { "{\"scores\": {\"0\": [8, ", "not JSON" },
                { "{\"grades\":[]}", "no 'scores' object" } }) {
            JudgeScores.MalformedJudgeAnswerException e = assertThrows(JudgeScores.MalformedJudgeAnswerException.class,
                    () -> JudgeScores.parse(bad[0], CRITERIA, 1), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }

    @Test
    void everyCriterionMustReachTheMinimum() {
        JudgeScores.Score score = new JudgeScores.Score(Map.of("clarity", 8, "quality", 5, "realism", 9), "off");
        Verdict verdict = JudgeRuling.verdict(score, 6, 0.0001);
        assertFalse(verdict.accepted());
        assertEquals(List.of(new Reason("judge_low_score", "judge: quality scored 5, below the minimum 6 (off)")),
                verdict.reasons());
        assertEquals(score.byCriterion(), verdict.judgeScores());
        assertEquals(0.0001, verdict.judgeCostUsd());
        assertTrue(JudgeRuling.verdict(score, 5, 0).accepted());
    }

    @Test
    void promptNumbersTheCandidatesAndNamesTheRubric() {
        JudgePrompt prompt = JudgePrompt.of(spec(5), List.of(candidate("j", "a"), candidate("j", "b")));
        assertEquals(CRITERIA, prompt.criteria());
        assertEquals(2, prompt.count());
        assertTrue(prompt.system().contains("- realism: a real user could have sent this request"), prompt.system());
        assertTrue(prompt.user().contains("\n1: {\"messages\":[{\"role\":\"user\""), prompt.user());
        assertTrue(prompt.system().contains("its scores for clarity, quality, realism, in that order"),
                prompt.system());
    }

    @Test
    void examplesStandUnderTheirCellNamedOnceAndTheToolsAreShownOnce() throws Exception {
        Candidate negative = new Candidate(SchemaVersions.CURRENT, "n", "j", "label=negative|complexity=simple",
                ExampleFormat.OPENAI, ExampleFormat.OPENAI.render(List.of(ChatTurn.of("user", "Classify: broke."),
                        ChatTurn.of("assistant", "negative"))),
                new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0));
        JobSpec withTools = spec(5).toBuilder().tools(List.of(dev.seedforge.contracts.Json.MAPPER.readTree(
                "{\"type\":\"function\",\"function\":{\"name\":\"run_sql\",\"parameters\":{\"type\":\"object\"}}}")))
                .build();
        JudgePrompt prompt = JudgePrompt.of(withTools, List.of(negative, negative, candidate("j", "a")));
        assertTrue(prompt.user().contains("Written for cell label=negative|complexity=simple:\n0: {\"messages\":["),
                prompt.user());
        assertEquals(1, occurrences(prompt.user(), "Written for cell"), "the default cell names nothing, and the"
                + " second negative example stands under the first one's heading: " + prompt.user());
        assertTrue(prompt.user().contains("\n1: {\"messages\"") && prompt.user().contains("\n2: {\"messages\""),
                prompt.user());
        assertEquals(1, occurrences(prompt.user(), "\"name\":\"run_sql\""), prompt.user());
        assertTrue(prompt.system().contains("grouped under the plan cell"), prompt.system());
        assertFalse(JudgePrompt.of(spec(5), List.of(negative)).user().contains("may call these tools"));
    }

    /** Where each example declares its own tools, the judge sees each one's beside it, and no job list. */
    @Test
    void examplesThatDeclareTheirOwnToolsAreShownWithTheirs() {
        Candidate weather = withOwnTools("w", "get_weather", "Weather in Oslo?");
        Candidate stocks = withOwnTools("s", "get_stock_price", "Price of ACME?");
        JobSpec perExample = spec(5).toBuilder().toolsPerExample(true).build();
        JudgePrompt prompt = JudgePrompt.of(perExample, List.of(weather, stocks));
        String[] lines = prompt.user().split("\n");
        String first = Arrays.stream(lines).filter(l -> l.startsWith("0: ")).findFirst().orElseThrow();
        String second = Arrays.stream(lines).filter(l -> l.startsWith("1: ")).findFirst().orElseThrow();
        assertTrue(first.startsWith("0: {\"tools\":[") && first.contains("\"name\":\"get_weather\""), first);
        assertFalse(first.contains("get_stock_price"), first);
        assertFalse(first.contains("\"type\":\"function\""), "bare functions, the fewest tokens: " + first);
        assertTrue(second.contains("\"name\":\"get_stock_price\""), second);
        assertFalse(second.contains("get_weather"), second);
        assertEquals(1, occurrences(prompt.user(), "\"name\":\"get_weather\""), prompt.user());
        assertFalse(prompt.user().contains("may call these tools"), prompt.user());
        assertTrue(prompt.user().contains("Each example offers the assistant its own tools"), prompt.user());

        Candidate offeredNone = candidate("j", "n");
        String none = JudgePrompt.of(perExample, List.of(offeredNone)).user();
        assertTrue(none.contains("\n0: {\"messages\":["), none);
    }

    /** A ShareGPT example (as Glaive writes it) that offers one tool and answers without calling it. */
    private static Candidate withOwnTools(String id, String tool, String question) {
        ObjectNode record = ExampleFormat.SHAREGPT.render(List.of(
                ChatTurn.of("user", question), ChatTurn.of("assistant", "I cannot look that up right now.")));
        record.put("tools", "[{\"name\": \"" + tool + "\", \"parameters\": {\"type\": \"object\"}}]");
        return new Candidate(SchemaVersions.CURRENT, id, "j", Candidate.DEFAULT_CELL, ExampleFormat.SHAREGPT, record,
                new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0));
    }

    @Test
    void aSharedSystemPromptIsShownOnceAndWeaknessesAreAskedOnlyForShortfalls() {
        ChatTurn system = ChatTurn.of("system", "You are the Task API assistant.");
        Candidate first = withTurns("a", system, ChatTurn.of("user", "Delete task #4."),
                ChatTurn.of("assistant", "Deleted task #4: 'Plan offsite'"));
        Candidate second = withTurns("b", system, ChatTurn.of("user", "Complete task #9."),
                ChatTurn.of("assistant", "Completed task #9: 'File taxes'"));
        JudgePrompt prompt = JudgePrompt.of(spec(5), List.of(first, second));
        assertEquals(1, occurrences(prompt.user(), "You are the Task API assistant."), prompt.user());
        assertFalse(prompt.user().contains("\"role\":\"system\""), prompt.user());
        assertTrue(prompt.system().contains("one entry for each example with a score below 6"), prompt.system());
        assertEquals(6, prompt.minScore());

        Candidate other = withTurns("c", ChatTurn.of("system", "You are terse."), ChatTurn.of("user", "List tasks."),
                ChatTurn.of("assistant", "Tasks (0):"));
        JudgePrompt mixed = JudgePrompt.of(spec(5), List.of(first, other));
        assertEquals(2, occurrences(mixed.user(), "\"role\":\"system\""), mixed.user());
    }

    private static Candidate withTurns(String id, ChatTurn... turns) {
        return new Candidate(SchemaVersions.CURRENT, id, "j", Candidate.DEFAULT_CELL, ExampleFormat.OPENAI,
                ExampleFormat.OPENAI.render(List.of(turns)), new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** A batcher whose judge passes everything at $0.01 each and records each batch's candidate ids in {@code batches}. */
    private JudgeBatcher recording(List<List<String>> batches, Duration linger) {
        return new JudgeBatcher((spec, batch) -> {
            batches.add(batch.stream().map(Candidate::candidateId).toList());
            return batch.stream().map(c -> new Verdict(true, List.of(), Map.of("clarity", 9), 0.01)).toList();
        }, linger, false, timer, calls);
    }

    @Test
    void fullBatchesGoOutAtOnceAndTheRestAfterTheLinger() throws Exception {
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        JudgeBatcher batcher = recording(batches, Duration.ofMillis(300));
        List<CompletableFuture<Verdict>> verdicts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            verdicts.add(batcher.submit(spec(2), candidate("job-a", "a" + i)));
        }
        verdicts.add(batcher.submit(spec(2), candidate("job-b", "b0")));
        verdicts.get(1).get(2, TimeUnit.SECONDS);
        verdicts.get(3).get(2, TimeUnit.SECONDS);
        assertFalse(verdicts.get(4).isDone(), "a partial batch waits for the linger");
        for (CompletableFuture<Verdict> verdict : verdicts) {
            assertEquals(0.01, verdict.get(2, TimeUnit.SECONDS).judgeCostUsd());
        }
        assertEquals(4, batches.size());
        assertTrue(batches.containsAll(List.of(List.of("a0", "a1"), List.of("a2", "a3"), List.of("a4"),
                List.of("b0"))), batches.toString());
    }

    @Test
    void aJobsPartialBatchGoesOutAtOnceWhenNothingMoreOfTheJobFollows() throws Exception {
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        JudgeBatcher batcher = recording(batches, Duration.ofMinutes(5));
        CompletableFuture<Verdict> a0 = batcher.submit(spec(10), candidate("job-a", "a0"));
        CompletableFuture<Verdict> a1 = batcher.submit(spec(10), candidate("job-a", "a1"));
        CompletableFuture<Verdict> b0 = batcher.submit(spec(10), candidate("job-b", "b0"));
        batcher.flush("job-a");
        batcher.flush("job-c");
        assertEquals(0.01, a0.get(5, TimeUnit.SECONDS).judgeCostUsd());
        assertEquals(0.01, a1.get(5, TimeUnit.SECONDS).judgeCostUsd());
        assertFalse(b0.isDone(), "another job's partial batch still waits for its linger");
        assertEquals(List.of(List.of("a0", "a1")), batches);
        CompletableFuture<Verdict> a2 = batcher.submit(spec(10), candidate("job-a", "a2"));
        batcher.flush("job-a");
        a2.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(List.of("a0", "a1"), List.of("a2")), batches, "a flushed job starts a new batch");
    }

    @Test
    void aJudgeThatStaysDownRejectsOrNacksButNeverFailsTheBatch() throws Exception {
        JudgeBatcher.BatchJudge down = (spec, batch) -> {
            throw new IllegalStateException("HTTP 503");
        };
        JudgeBatcher rejecting = new JudgeBatcher(down, Duration.ofMillis(50), false, timer, calls);
        Verdict verdict = rejecting.submit(spec(5), candidate("j", "x")).get(2, TimeUnit.SECONDS);
        assertEquals(List.of(new Reason("judge_unavailable",
                "the judge gave no usable answer after retries: HTTP 503")), verdict.reasons());

        JudgeBatcher retrying = new JudgeBatcher(down, Duration.ofMillis(50), true, timer, calls);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> retrying.submit(spec(5), candidate("j", "y")).get(2, TimeUnit.SECONDS));
        assertInstanceOf(JudgeBatcher.JudgeUnavailableException.class, e.getCause());
    }
}
