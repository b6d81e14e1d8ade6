package dev.seedforge.exporter.domain;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ToolCall;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit's o200k_base, the encoding of the GPT-4o family), so the report's
 * lengths mean what a trainer's context window means. Loading the encoding takes a moment, so it happens on the first
 * count (on the thread that writes a dataset, not the one that builds the beans); share {@link #o200k()}.
 */
public final class TokenCounter {

    private static final class Holder {
        static final TokenCounter O200K = new TokenCounter(EncodingType.O200K_BASE);
    }

    private final EncodingType type;
    private volatile Encoding encoding;

    public TokenCounter(EncodingType type) {
        this.type = type;
    }

    public static TokenCounter o200k() {
        return Holder.O200K;
    }

    public String encodingName() {
        return type.getName();
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
    }

    private Encoding encoding() {
        Encoding loaded = encoding;
        if (loaded == null) {
            synchronized (this) {
                if (encoding == null) {
                    encoding = Encodings.newLazyEncodingRegistry().getEncoding(type);
                }
                loaded = encoding;
            }
        }
        return loaded;
    }

    /** A turn's tokens: its content plus the names and arguments of its tool calls (no chat-template overhead). */
    public int count(ChatTurn turn) {
        int tokens = count(turn.content());
        for (ToolCall call : turn.toolCalls()) {
            tokens += count(call.name()) + count(call.arguments());
        }
        return tokens;
    }
}
