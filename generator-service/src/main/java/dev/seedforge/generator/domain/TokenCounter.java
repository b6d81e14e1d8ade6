package dev.seedforge.generator.domain;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Token counts of the gpt-4o family (o200k_base), for cost estimates and the client-side tokens-per-minute limit. */
public final class TokenCounter {

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    /** OpenAI's per-message overhead: role and separators (3), plus 3 to prime the reply. */
    private static final int PER_MESSAGE = 3;

    private TokenCounter() {
    }

    public static int count(String text) {
        return text == null ? 0 : ENCODING.countTokensOrdinary(text);
    }

    public static int promptTokens(GenerationPrompt prompt) {
        return count(prompt.system()) + count(prompt.user()) + 2 * PER_MESSAGE + PER_MESSAGE;
    }
}
