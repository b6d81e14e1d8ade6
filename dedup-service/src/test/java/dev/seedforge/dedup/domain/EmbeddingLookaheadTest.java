package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddingLookaheadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A chunk's embedding that takes until the test lets it go. */
    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> texts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "text " + i).toList();
    }

    @Test
    void theNextChunkIsEmbeddedWhileTheCallerEvaluatesTheCurrentOne() throws Exception {
        CountDownLatch secondChunkStarted = new CountDownLatch(1);
        List<List<String>> embedded = new CopyOnWriteArrayList<>();
        try (EmbeddingLookahead lookahead = new EmbeddingLookahead(texts(70), 32, chunk -> {
            embedded.add(chunk);
            if (chunk.get(0).equals("text 32")) {
                secondChunkStarted.countDown();
            }
        }, executor, PATIENCE)) {
            lookahead.await(0);
            // the caller has asked for nothing beyond the first chunk, and the second is on its way
            assertTrue(secondChunkStarted.await(10, TimeUnit.SECONDS), "the second chunk was not started ahead");
            for (int i = 1; i < 70; i++) {
                lookahead.await(i);
            }
        }
        assertEquals(List.of(texts(70).subList(0, 32), texts(70).subList(32, 64), texts(70).subList(64, 70)),
                embedded.stream().sorted(Comparator.comparingInt(chunk -> Integer.parseInt(chunk.get(0).substring(5))))
                        .toList(),
                "every text embedded once, in chunks of 32");
    }

    @Test
    void aTextIsNotReadyBeforeItsChunkIsEmbedded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EmbeddingLookahead lookahead = new EmbeddingLookahead(texts(10), 4, chunk -> {
            if (chunk.contains("text 5")) {
                waitFor(release);
            }
        }, executor, PATIENCE)) {
            lookahead.await(3);
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> lookahead.await(5), executor);
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "text 5 was handed out before its chunk was embedded");
            release.countDown();
            waiting.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChunkThatStallsIsWaitedForNoLongerThanThePatienceAndTheNextIsStillServed() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        List<List<String>> embedded = new CopyOnWriteArrayList<>();
        try (EmbeddingLookahead lookahead = new EmbeddingLookahead(texts(8), 4, chunk -> {
            if (chunk.contains("text 0")) {
                waitFor(never);
            } else {
                embedded.add(chunk);
            }
        }, executor, Duration.ofMillis(300))) {
            long started = System.nanoTime();
            lookahead.await(0);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waitedMs >= 250 && waitedMs < 5_000, "waited " + waitedMs + " ms for the stalled chunk");
            assertEquals(1, lookahead.late());
            for (int i = 1; i < 8; i++) {
                lookahead.await(i);
            }
            assertEquals(1, lookahead.late(), "the stalled chunk counted once, the next one ready");
            assertEquals(List.of(texts(8).subList(4, 8)), embedded, "the chunk behind the stalled one was embedded");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aChunkThatFailsToEmbedFailsTheCallerThatNeedsIt() {
        IllegalStateException failure = new IllegalStateException("embedding endpoint answered 503");
        List<Integer> asked = new ArrayList<>();
        try (EmbeddingLookahead lookahead = new EmbeddingLookahead(texts(8), 4, chunk -> {
            if (chunk.contains("text 4")) {
                throw failure;
            }
        }, executor, PATIENCE)) {
            for (int i = 0; i < 4; i++) {
                lookahead.await(i);
                asked.add(i);
            }
            assertSame(failure, assertThrows(IllegalStateException.class, () -> lookahead.await(4)));
        }
        assertEquals(List.of(0, 1, 2, 3), asked, "the first chunk's texts were ready");
    }

    @Test
    void noTextsAndNoSemanticDedupNeedNoWaiting() {
        EmbeddingLookahead.NONE.await(0);
        try (EmbeddingLookahead empty = new EmbeddingLookahead(List.of(), 32, chunk -> {
            throw new AssertionError("nothing to embed");
        }, executor, PATIENCE)) {
            empty.await(0);
        }
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingLookahead(texts(3), 0, chunk -> {
        }, executor, PATIENCE));
    }
}
