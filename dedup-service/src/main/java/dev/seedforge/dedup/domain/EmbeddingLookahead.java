package dev.seedforge.dedup.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Embeds a batch's texts a chunk at a time, one chunk ahead of the caller: while the caller searches the indexes with
 * the texts of one chunk (a single thread), the model embeds the next on the others, so a batch no longer leaves the
 * cores waiting between its embedding and its evaluation. The texts are embedded exactly as one call would embed them;
 * only the time they are ready changes. A chunk not ready within the patience given is not waited for any longer: the
 * caller's lookups embed its texts themselves, so a stalled chunk slows a batch down and never stops it.
 */
public final class EmbeddingLookahead implements AutoCloseable {

    /** Nothing to embed ahead (semantic dedup off): every text is ready. */
    public static final EmbeddingLookahead NONE = new EmbeddingLookahead(List.of(), 1, texts -> {
    }, null, Duration.ZERO);

    private final List<List<String>> chunks = new ArrayList<>();
    private final int chunkSize;
    private final Consumer<List<String>> embed;
    private final ExecutorService executor;
    private final Duration patience;
    private final List<Future<?>> started = new ArrayList<>();
    private int late;

    /**
     * @param texts the texts in the order the caller will ask for them
     * @param embed embeds a chunk of texts where the caller's lookups find them (the detector's cache)
     * @param executor where chunks are embedded ahead of the caller
     * @param patience how long the caller waits for a chunk before it embeds the chunk's texts itself
     */
    public EmbeddingLookahead(List<String> texts, int chunkSize, Consumer<List<String>> embed,
            ExecutorService executor, Duration patience) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
        for (int from = 0; from < texts.size(); from += chunkSize) {
            chunks.add(List.copyOf(texts.subList(from, Math.min(texts.size(), from + chunkSize))));
        }
        this.chunkSize = chunkSize;
        this.embed = embed;
        this.executor = executor;
        this.patience = patience;
    }

    /**
     * Waits until the text at {@code index} (in the order given) is embedded, having started the chunk after its
     * own, or until the patience runs out (the chunk is then counted {@link #late()}). A failure to embed is thrown
     * here, to the caller that needs the text.
     */
    public void await(int index) {
        if (chunks.isEmpty()) {
            return;
        }
        int chunk = Math.min(index / chunkSize, chunks.size() - 1);
        while (started.size() < Math.min(chunks.size(), chunk + 2)) {
            List<String> texts = chunks.get(started.size());
            started.add(executor.submit(() -> embed.accept(texts)));
        }
        Future<?> embedding = started.get(chunk);
        try {
            embedding.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            late++;
            embedding.cancel(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while texts were embedded", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("embedding texts failed", e.getCause());
        } catch (CancellationException e) {
            // given up after the patience ran out (above): the caller embeds the texts itself
        }
    }

    /** Chunks the caller stopped waiting for; their texts were embedded on demand. */
    public int late() {
        return late;
    }

    /** Chunks started for a caller that stopped early (a failure) are not waited for; those not begun are dropped. */
    @Override
    public void close() {
        started.forEach(future -> future.cancel(false));
    }
}
