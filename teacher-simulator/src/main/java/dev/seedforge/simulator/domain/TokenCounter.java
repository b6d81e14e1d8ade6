package dev.seedforge.simulator.domain;

import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens the way the gpt-4o family does (o200k_base), so that usage figures and the cost estimates built on
 * them are realistic. Prompt tokens follow OpenAI's published recipe: every message costs 3 tokens plus its role and
 * content, and the reply is primed with 3 more.
 */
public final class TokenCounter {

    public static final int TOKENS_PER_MESSAGE = 3;
    public static final int REPLY_PRIMING_TOKENS = 3;

    private final Encoding encoding;

    /** Loading the 200k-token vocabulary takes seconds: it is done once per JVM. */
    private static final class O200k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    public TokenCounter() {
        this.encoding = O200k.ENCODING;
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    public int countPrompt(List<Turn> messages) {
        int total = REPLY_PRIMING_TOKENS;
        for (Turn turn : messages) {
            total += TOKENS_PER_MESSAGE + count(turn.role()) + count(turn.content());
        }
        return total;
    }

    /** The token ids of a text, as the model reads it. */
    public int[] tokens(String text) {
        return text == null || text.isEmpty() ? new int[0] : encoding.encodeOrdinary(text).toArray();
    }

    /** The text cut to at most {@code maxTokens} tokens, as a model stopped by its token limit would leave it. */
    public String truncate(String text, int maxTokens) {
        EncodingResult result = encoding.encodeOrdinary(text, Math.max(0, maxTokens));
        return result.isTruncated() ? encoding.decode(result.getTokens()) : text;
    }
}
