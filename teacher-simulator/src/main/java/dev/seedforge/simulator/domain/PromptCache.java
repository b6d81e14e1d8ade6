package dev.seedforge.simulator.domain;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Prompt caching as OpenAI reports it: a prompt whose first 1,024 tokens or more are identical to a prompt the same
 * API key sent recently has that shared prefix served from cache, counted in 128-token steps
 * ({@code usage.prompt_tokens_details.cached_tokens}). Prefixes are remembered by a hash at every 128-token boundary
 * from 1,024 on, per key, for {@code ttlMillis} after their last use, at most {@code maxPrefixesPerKey} of them.
 */
public final class PromptCache {

    public static final int MIN_PREFIX = 1024;
    public static final int STEP = 128;

    private final TokenCounter tokens;
    private final long ttlMillis;
    private final int maxPrefixesPerKey;
    private final LongSupplier clock;
    private final Map<String, LinkedHashMap<Long, Long>> byKey = new HashMap<>();

    public PromptCache(TokenCounter tokens, long ttlMillis, int maxPrefixesPerKey, LongSupplier clock) {
        this.tokens = tokens;
        this.ttlMillis = ttlMillis;
        this.maxPrefixesPerKey = maxPrefixesPerKey;
        this.clock = clock;
    }

    public PromptCache(TokenCounter tokens) {
        this(tokens, 10 * 60_000L, 200_000, System::currentTimeMillis);
    }

    /** The cached tokens of this prompt (0 below 1,024 shared tokens); the prompt is remembered for later ones. */
    public int cachedTokens(String apiKey, List<Turn> messages, PromptTokens prompt) {
        int promptTokens = prompt.count();
        int[] sequence = sequence(messages, prompt.contents());
        long[] hashes = prefixHashes(sequence);
        long now = clock.getAsLong();
        String key = apiKey == null ? "" : apiKey;
        int cached = 0;
        synchronized (byKey) {
            LinkedHashMap<Long, Long> seen = byKey.computeIfAbsent(key, k -> new LinkedHashMap<>(256, 0.75f, true));
            evict(seen, now);
            for (int i = hashes.length - 1; i >= 0; i--) {
                if (seen.containsKey(hashes[i])) {
                    cached = MIN_PREFIX + i * STEP;
                    break;
                }
            }
            for (long hash : hashes) {
                seen.put(hash, now);
            }
            while (seen.size() > maxPrefixesPerKey) {
                Iterator<Long> oldest = seen.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        int cap = promptTokens - promptTokens % STEP;
        return Math.min(cached, cap);
    }

    private void evict(LinkedHashMap<Long, Long> seen, long now) {
        Iterator<Map.Entry<Long, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (now - it.next().getValue() > ttlMillis) {
                it.remove();
            } else {
                break;
            }
        }
    }

    /** The prompt's tokens, each message opened by a marker and its role, as the model's input reads. */
    private int[] sequence(List<Turn> messages, List<int[]> contents) {
        int[][] parts = new int[messages.size() * 2][];
        int length = 0;
        for (int i = 0; i < messages.size(); i++) {
            parts[2 * i] = tokens.tokens("<|" + messages.get(i).role() + "|>");
            parts[2 * i + 1] = contents.get(i);
            length += parts[2 * i].length + parts[2 * i + 1].length;
        }
        int[] sequence = new int[length];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, sequence, at, part.length);
            at += part.length;
        }
        return sequence;
    }

    /** A hash of the first 1,024, 1,152, 1,280, ... tokens (as many boundaries as the prompt reaches). */
    static long[] prefixHashes(int[] sequence) {
        if (sequence.length < MIN_PREFIX) {
            return new long[0];
        }
        long[] hashes = new long[(sequence.length - MIN_PREFIX) / STEP + 1];
        long hash = 0xcbf29ce484222325L;
        int boundary = 0;
        for (int i = 0; i < sequence.length && boundary < hashes.length; i++) {
            hash = (hash ^ sequence[i]) * 0x100000001b3L;
            if (i + 1 == MIN_PREFIX + boundary * STEP) {
                hashes[boundary++] = RequestRandom.mix(hash, i + 1);
            }
        }
        return hashes;
    }
}
