package dev.seedforge.contracts.tokens;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ToolCall;

/**
 * The one token counter of every service: jtokkit's o200k_base, the BPE of the GPT-4o family, so that limits, usage
 * figures, cost estimates and a dataset's lengths mean what the provider and the user's trainer see. Special-token text
 * such as {@code <|endoftext|>} is counted as ordinary text.
 * <p>
 * Prompt tokens follow OpenAI's published recipe: every message costs {@value #TOKENS_PER_MESSAGE} tokens plus its role
 * and content, and the reply is primed with {@value #REPLY_PRIMING_TOKENS} more.
 * <p>
 * Loading the 200k-token vocabulary takes a moment: it happens once per JVM, on the first count (on the thread that
 * counts, not the one that builds the beans). The counter holds no state of its own: share {@link #o200k()}.
 */
public final class TokenCounter {

    public static final int TOKENS_PER_MESSAGE = 3;
    public static final int REPLY_PRIMING_TOKENS = 3;

    private static final TokenCounter O200K = new TokenCounter();

    /**
     * Long texts counted again and again (a job's system prompt and instructions, once per call and per estimate) are
     * counted once: a lookup costs a hash and a compare, the BPE far more. Bounded; emptied when full. A text enters
     * it only when its hash was {@link #SEEN} before: the stream of texts counted once (each candidate, each answer)
     * would otherwise fill it and empty it again before any prompt was counted twice.
     */
    private static final Map<String, Integer> MEMO = new ConcurrentHashMap<>();
    private static final int MEMO_ENTRIES = 512;
    /** The token ids of long texts, admitted as {@link #MEMO} admits counts; fewer, as ids weigh more than a count. */
    private static final Map<String, int[]> TOKENS_MEMO = new ConcurrentHashMap<>();
    private static final int TOKENS_MEMO_ENTRIES = 64;
    /** Hashes of long texts counted once; bounded, emptied when full. */
    private static final Set<Integer> SEEN = ConcurrentHashMap.newKeySet();
    private static final int SEEN_ENTRIES = 8192;
    private static final int MEMO_MIN_CHARS = 256;
    private static final int MEMO_MAX_CHARS = 32_768;

    /** A message of a prompt, as the chat-completions API takes it. */
    public interface Message {
        String role();

        String content();
    }

    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    public TokenCounter() {
    }

    public static TokenCounter o200k() {
        return O200K;
    }

    public String encodingName() {
        return EncodingType.O200K_BASE.getName();
    }

    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return remembered(text, MEMO, MEMO_ENTRIES, Holder.ENCODING::countTokensOrdinary, UnaryOperator.identity());
    }

    /**
     * What {@code work} makes of a text, from {@code memo} when the text is long and was seen before: a long text enters
     * the memo (of at most {@code entries}, emptied when full) the second time its hash comes. What the memo holds
     * passes through {@code copy} on its way in and out, so no caller shares it.
     */
    private static <T> T remembered(String text, Map<String, T> memo, int entries, Function<String, T> work,
            UnaryOperator<T> copy) {
        if (text.length() < MEMO_MIN_CHARS || text.length() > MEMO_MAX_CHARS) {
            return work.apply(text);
        }
        T known = memo.get(text);
        if (known != null) {
            return copy.apply(known);
        }
        T made = work.apply(text);
        if (!SEEN.add(text.hashCode())) {
            if (memo.size() >= entries) {
                memo.clear();
            }
            memo.put(text, copy.apply(made));
        } else if (SEEN.size() >= SEEN_ENTRIES) {
            SEEN.clear();
        }
        return made;
    }

    /** Whether the memo holds this text (for tests of its admission). */
    static boolean memoized(String text) {
        return MEMO.containsKey(text);
    }

    /** Whether the memo of token ids holds this text (for tests of its admission). */
    static boolean tokensMemoized(String text) {
        return TOKENS_MEMO.containsKey(text);
    }

    /** A turn's tokens: its content plus the names and arguments of its tool calls (no chat-template overhead). */
    public int count(ChatTurn turn) {
        int tokens = count(turn.content());
        for (ToolCall call : turn.toolCalls()) {
            tokens += count(call.name()) + count(call.arguments());
        }
        return tokens;
    }

    /** The prompt tokens of a chat request of these messages, by OpenAI's recipe. */
    public int countPrompt(List<? extends Message> messages) {
        int[] contents = new int[messages.size()];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = count(messages.get(i).content());
        }
        return countPrompt(messages, contents);
    }

    /**
     * The same, with each message's content already counted ({@code contentTokens[i]} for message i): for a caller
     * that tokenized the contents for something else and should not run the BPE over them again.
     */
    public int countPrompt(List<? extends Message> messages, int[] contentTokens) {
        int total = REPLY_PRIMING_TOKENS;
        for (int i = 0; i < messages.size(); i++) {
            total += TOKENS_PER_MESSAGE + count(messages.get(i).role()) + contentTokens[i];
        }
        return total;
    }

    /** The prompt tokens of a request of one system and one user message, by OpenAI's recipe. */
    public int countPrompt(String system, String user) {
        return countPrompt(List.of(new Text("system", system), new Text("user", user)));
    }

    /**
     * A bound no tokenization exceeds: the BPE works on the text's UTF-8 bytes and every token covers at least one, so
     * the bytes bound the tokens. Lets a limit check skip the tokenizer when the text is short enough to pass whatever
     * its tokens; counting the bytes is a pass over the chars, far cheaper than the BPE.
     */
    public static int atMost(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // a surrogate pair is four bytes: two for each of its chars
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /**
     * The token ids of a text, as the model reads it. Long texts tokenized again and again (a job's system prompt, in
     * every request the teacher simulator answers) are remembered as {@link #count} remembers their counts; each caller
     * gets its own copy.
     */
    public int[] tokens(String text) {
        if (text == null || text.isEmpty()) {
            return new int[0];
        }
        return remembered(text, TOKENS_MEMO, TOKENS_MEMO_ENTRIES, t -> Holder.ENCODING.encodeOrdinary(t).toArray(),
                int[]::clone);
    }

    /** The text cut to at most {@code maxTokens} tokens, as a model stopped by its token limit would leave it. */
    public String truncate(String text, int maxTokens) {
        EncodingResult result = Holder.ENCODING.encodeOrdinary(text, Math.max(0, maxTokens));
        return result.isTruncated() ? Holder.ENCODING.decode(result.getTokens()) : text;
    }

    private record Text(String role, String content) implements Message {
    }
}
