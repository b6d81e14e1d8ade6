package dev.seedforge.support.llm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A provider's batch API as a batch-mode stage needs it: stage and create a batch of requests, poll it, find one already
 * created for a stored round (a stop between creating a batch and storing its id), cancel it, and read its results per
 * {@code custom_id}. OpenAI ({@link OpenAiBatchClient}: an uploaded input file, then a batch) and Anthropic
 * ({@link AnthropicBatchClient}: the requests in the create call) differ in every wire detail; the caller stores each
 * step before the next, so either can be resumed after a restart. Calls block and throw {@link BatchApiException}.
 */
public interface BatchApi {

    /** A request's {@code custom_id}: the call it asks for ({@code call-<n>}), the key that takes its answer once. */
    static String customId(long call) {
        return "call-" + call;
    }

    /** The call a {@code custom_id} names, or -1 for one this project did not write. */
    static long callOf(String customId) {
        if (customId == null || !customId.startsWith("call-")) {
            return -1;
        }
        try {
            return Long.parseLong(customId.substring("call-".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The provider's name as a spec writes it ({@code openai}, {@code anthropic}). */
    String provider();

    /**
     * Readies a round's requests before the batch is created; the returned handle is stored with the round and given
     * to {@link #create} and {@link #find}. OpenAI uploads the input file (its id); Anthropic sends nothing (null).
     */
    String stage(Endpoint endpoint, String name, List<Request> requests);

    /** Creates the batch; {@code metadata} is sent where the provider keeps it (OpenAI), dropped where not. */
    Status create(Endpoint endpoint, String staged, List<Request> requests, String completionWindow,
            Map<String, String> metadata);

    /**
     * The batch a previous {@link #create} of this round made, if the provider shows one: OpenAI's by its input file
     * ({@code staged}); Anthropic's (no input file, no metadata) by its request count among those created since
     * {@code since}, leaving out the ids in {@code claimed} (rounds that already have them).
     */
    Optional<Status> find(Endpoint endpoint, String staged, int requests, Instant since, Set<String> claimed);

    Status get(Endpoint endpoint, String batchId);

    /** Asks the provider to cancel; a batch that has already ended is returned as it is. */
    Status cancel(Endpoint endpoint, String batchId);

    /** The results of an ended batch, one per request the provider reports. */
    List<Result> results(Endpoint endpoint, Status ended);

    /**
     * A succeeded result's body read as the real-time answer is read: a chat completion (OpenAI) or a Message
     * (Anthropic); {@code model} stands in when the body names none. Both stages read answers here, never themselves.
     */
    Answer answer(JsonNode body, String model);

    /** Where the API is: a base URL ending in {@code /v1} (OpenAI's, Anthropic's) and the key (blank for a simulator). */
    record Endpoint(String baseUrl, String apiKey) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + "]";
        }

        /** The base URL without a trailing slash. */
        public String base() {
            return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }
    }

    /** One request: its {@code custom_id} and the provider's request body (a chat request, Messages params). */
    record Request(String customId, JsonNode body) {
    }

    /**
     * A batch as the provider reports it, in common terms: {@code status} is the provider's own word,
     * {@code succeeded} and {@code failed} (errored, expired, cancelled) its counts so far, {@code results} where its
     * results are (OpenAI's output file id, Anthropic's results URL) and {@code errors} OpenAI's error file id.
     */
    record Status(String id, String status, boolean ended, int total, int succeeded, int failed, String results,
            String errors, Instant createdAt) {
    }

    /**
     * One request's outcome: {@code body} is the provider's answer (a chat completion, a Message) when it succeeded,
     * else null and {@code error} says why ({@code batch_expired}, {@code canceled}, {@code status 500}, ...).
     */
    record Result(String customId, JsonNode body, String error) {
        public boolean succeeded() {
            return body != null;
        }
    }

    /**
     * An answer's text (Anthropic's text blocks joined by newlines), the model that wrote it, its usage as
     * {@link LlmUsage} reads a real-time answer's, and why it stopped in LangChain4j's {@code FinishReason} names
     * (null when not said).
     */
    record Answer(String text, String model, LlmUsage usage, String finishReason) {
    }

    /** The provider refused a call or answered what cannot be read; the message has keys masked. */
    class BatchApiException extends RuntimeException {
        private final int status;

        public BatchApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status, or 0 when there was none (I/O, an unreadable answer). */
        public int status() {
            return status;
        }
    }
}
