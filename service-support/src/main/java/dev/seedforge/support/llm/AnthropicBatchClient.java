package dev.seedforge.support.llm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.anthropic.internal.mapper.AnthropicMapper;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.support.secrets.Secrets;

/**
 * Anthropic's Message Batches API over plain HTTP (LangChain4j 1.12.2 has no batch client): create a batch with its
 * requests inline ({@code POST /v1/messages/batches}, each {@code {custom_id, params}}), poll it, list batches to find
 * one a stopped generator created, cancel it, and read its results ({@code results_url}, JSONL of
 * {@code {custom_id, result}}). Sends {@code x-api-key} and {@code anthropic-version}. A 429 is waited out as its
 * {@code retry-after} (or the exhausted {@code anthropic-ratelimit-*} limit's reset) says, up to
 * {@value #MAX_WAITS} times and {@link #MAX_WAIT} each; then, as a 5xx or an unreadable answer, it is thrown and the
 * caller's next pass tries again.
 */
@ApplicationScoped
public class AnthropicBatchClient implements BatchApi {

    public static final String DEFAULT_URL = "https://api.anthropic.com/v1";
    public static final String VERSION = "2023-06-01";
    static final int MAX_WAITS = 3;
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int LIST_PAGES = 20;
    private static final int PAGE = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Duration maxWait;

    public AnthropicBatchClient() {
        this(MAX_WAIT);
    }

    /** {@code maxWait}: the longest 429 wait taken in place (tests keep it short). */
    public AnthropicBatchClient(Duration maxWait) {
        this.maxWait = maxWait;
    }

    @Override
    public String provider() {
        return LlmSpec.ANTHROPIC;
    }

    /** Nothing to upload: the requests travel in the create call. */
    @Override
    public String stage(Endpoint endpoint, String name, List<Request> requests) {
        return null;
    }

    @Override
    public Status create(Endpoint endpoint, String staged, List<Request> requests, String completionWindow,
            Map<String, String> metadata) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode lines = body.putArray("requests");
        for (Request request : requests) {
            lines.addObject().put("custom_id", request.customId()).set("params", request.body());
        }
        return status(send(endpoint, "POST", "/messages/batches", body.toString()));
    }

    /**
     * Anthropic keeps neither an input file nor metadata, so a batch this round created is recognised by what it has:
     * created at or after {@code since} (less a minute of clock skew) with {@code requests} requests, and not claimed
     * by another round. Of several such, the earliest is taken. Newest first, at most {@value #LIST_PAGES} pages.
     */
    @Override
    public Optional<Status> find(Endpoint endpoint, String staged, int requests, Instant since, Set<String> claimed) {
        Instant from = since.minus(Duration.ofMinutes(1));
        List<Status> matches = new ArrayList<>();
        String after = null;
        for (int page = 0; page < LIST_PAGES; page++) {
            JsonNode list = send(endpoint, "GET", "/messages/batches?limit=" + PAGE + (after == null ? ""
                    : "&after_id=" + encode(after)), null);
            boolean older = false;
            for (JsonNode item : list.path("data")) {
                Status batch = status(item);
                if (batch.createdAt() != null && batch.createdAt().isBefore(from)) {
                    older = true;
                    break;
                }
                if (batch.total() == requests && !claimed.contains(batch.id())) {
                    matches.add(batch);
                }
            }
            after = list.path("last_id").asText(null);
            if (older || !list.path("has_more").asBoolean(false) || after == null) {
                break;
            }
        }
        return matches.stream().min(Comparator.comparing(s -> s.createdAt() == null ? Instant.MAX : s.createdAt()));
    }

    @Override
    public Status get(Endpoint endpoint, String batchId) {
        return status(send(endpoint, "GET", "/messages/batches/" + encode(batchId), null));
    }

    /** Cancels; a refusal of a batch that has ended meanwhile answers the batch as it is. */
    @Override
    public Status cancel(Endpoint endpoint, String batchId) {
        try {
            return status(send(endpoint, "POST", "/messages/batches/" + encode(batchId) + "/cancel", ""));
        } catch (BatchApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            Status now = get(endpoint, batchId);
            if (!now.ended()) {
                throw e;
            }
            return now;
        }
    }

    /**
     * Reads the results at the batch's {@code results_url} when it lies under the endpoint (else, so that the key is
     * never sent to another host, at {@code {base}/messages/batches/{id}/results}): a {@code succeeded} line's
     * {@code message}, or the reason of an {@code errored} (its error type), {@code canceled} or {@code expired} one.
     */
    @Override
    public List<Result> results(Endpoint endpoint, Status ended) {
        String url = ended.results() != null && ended.results().startsWith(endpoint.base() + "/") ? ended.results()
                : endpoint.base() + "/messages/batches/" + encode(ended.id()) + "/results";
        String jsonl = exchange(endpoint, "GET", URI.create(url), null).body();
        List<Result> results = new ArrayList<>();
        for (JsonNode line : OpenAiBatchClient.lines(jsonl)) {
            String customId = line.path("custom_id").asText(null);
            JsonNode result = line.path("result");
            String type = result.path("type").asText("");
            if ("succeeded".equals(type) && result.path("message").isObject()) {
                results.add(new Result(customId, result.path("message"), null));
            } else if ("errored".equals(type)) {
                JsonNode error = result.path("error");
                JsonNode inner = error.path("error").isObject() ? error.path("error") : error;
                results.add(new Result(customId, null, "errored: " + inner.path("type").asText("error")));
            } else {
                results.add(new Result(customId, null, type.isEmpty() ? "unknown result" : type));
            }
        }
        return results;
    }

    @Override
    public Answer answer(JsonNode body, String model) {
        return answerOf(body, model);
    }

    /**
     * A Message as langchain4j-anthropic reads the real-time one: its text blocks joined by newlines, its usage
     * ({@code input_tokens} plus cache reads and writes in, cache reads cached, {@code output_tokens}) through
     * {@link LlmUsage}, its {@code stop_reason} mapped as that module maps it.
     */
    public static Answer answerOf(JsonNode body, String model) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                texts.add(block.path("text").asText(""));
            }
        }
        JsonNode usage = body.path("usage");
        LlmUsage read = LlmUsage.of(AnthropicTokenUsage.builder().inputTokenCount(count(usage, "input_tokens"))
                .outputTokenCount(count(usage, "output_tokens"))
                .cacheReadInputTokens(count(usage, "cache_read_input_tokens"))
                .cacheCreationInputTokens(count(usage, "cache_creation_input_tokens")).build());
        String stop = body.path("stop_reason").asText(null);
        return new Answer(String.join("\n", texts), body.path("model").asText(model), read,
                stop == null ? null : AnthropicMapper.toFinishReason(stop).name());
    }

    private static Integer count(JsonNode usage, String field) {
        return usage.path(field).isNumber() ? usage.path(field).asInt() : null;
    }

    /**
     * One Messages request as langchain4j-anthropic sends the real-time call ({@link ProviderChatModels}' model): the
     * user message as a text block, the system prompt as a text block, {@code max_tokens}, the temperature and
     * {@code output_config.format} with {@code format}'s schema mapped as that module maps it. The batch API takes it
     * as a request's {@code params} (without {@code stream}, which the real-time call adds).
     */
    public static ObjectNode params(String model, String system, String user, double temperature,
            ResponseFormat format) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put("model", model);
        params.putArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "text").put("text", user);
        params.putArray("system").addObject().put("type", "text").put("text", system);
        params.put("max_tokens", ProviderChatModels.DEFAULT_MAX_OUTPUT_TOKENS);
        params.put("temperature", temperature);
        params.putObject("output_config").putObject("format").put("type", "json_schema").set("schema",
                Json.MAPPER.valueToTree(AnthropicMapper.toAnthropicSchema(format.jsonSchema().rootElement())));
        return params;
    }

    /** {@code processing_status} ended means every request has its result; the failed count holds all but success. */
    static Status status(JsonNode node) {
        if (!node.path("id").isTextual() || !node.path("processing_status").isTextual()) {
            throw new BatchApiException(0, "not a message batch: " + Secrets.redact(cut(node.toString())));
        }
        JsonNode counts = node.path("request_counts");
        int succeeded = counts.path("succeeded").asInt();
        int failed = counts.path("errored").asInt() + counts.path("canceled").asInt() + counts.path("expired").asInt();
        String status = node.path("processing_status").asText();
        return new Status(node.path("id").asText(), status, "ended".equals(status),
                counts.path("processing").asInt() + succeeded + failed, succeeded, failed,
                node.path("results_url").isTextual() ? node.path("results_url").asText() : null, null,
                time(node.path("created_at").asText(null)));
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private JsonNode send(Endpoint endpoint, String method, String path, String body) {
        HttpResponse<String> response = exchange(endpoint, method, URI.create(endpoint.base() + path), body);
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new BatchApiException(0, method + " " + path + ": the answer is not JSON: "
                    + mask(endpoint, cut(response.body())));
        }
    }

    private HttpResponse<String> exchange(Endpoint endpoint, String method, URI uri, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("anthropic-version", VERSION);
        if (endpoint.apiKey() != null && !endpoint.apiKey().isBlank()) {
            builder.header("x-api-key", endpoint.apiKey());
        }
        if (body != null) {
            builder.header("content-type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = builder.build();
        for (int attempt = 0;; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new BatchApiException(0, mask(endpoint, method + " " + uri.getPath() + " failed: " + e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatchApiException(0, "interrupted");
            }
            if (response.statusCode() / 100 == 2) {
                return response;
            }
            String text = method + " " + uri.getPath() + ": " + response.statusCode() + " "
                    + cut(response.body() == null ? "" : response.body());
            if (response.statusCode() == 429) {
                Duration wait = ProviderRateLimits.from(name -> response.headers().firstValue(name).orElse(null),
                        Instant.now()).waitAfterRefusal();
                if (wait == null) {
                    wait = Duration.ofSeconds(1L << attempt);
                }
                if (attempt < MAX_WAITS && wait.compareTo(maxWait) <= 0) {
                    sleep(wait);
                    continue;
                }
                throw new BatchApiException(429, mask(endpoint, text + " (rate limited; wait " + wait.toMillis()
                        + " ms)"));
            }
            throw new BatchApiException(response.statusCode(), mask(endpoint, text));
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchApiException(0, "interrupted");
        }
    }

    private static String mask(Endpoint endpoint, String text) {
        String key = endpoint.apiKey();
        String masked = key != null && key.length() >= 8 ? text.replace(key, Secrets.MASK) : text;
        return Secrets.redact(masked);
    }

    private static String cut(String text) {
        return text.substring(0, Math.min(text.length(), 500));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
