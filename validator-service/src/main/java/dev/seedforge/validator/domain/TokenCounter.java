package dev.seedforge.validator.domain;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Counts tokens with o200k_base, the tokenizer of the GPT-4o family, so limits mean what the user's trainer sees. */
public final class TokenCounter {

    private static final class Holder {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    private TokenCounter() {
    }

    /**
     * A bound no tokenization exceeds: every token covers at least one UTF-8 byte, and a Java char is at most three
     * bytes. Lets a limit check skip the tokenizer when the text is short enough to pass whatever its tokens.
     */
    public static int atMost(String text) {
        return text == null ? 0 : (int) Math.min(Integer.MAX_VALUE, 3L * text.length());
    }

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : Holder.O200K.countTokensOrdinary(text);
    }
}
