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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.support.secrets.Secrets;

/**
 * OpenAI's Files and Batch APIs over plain HTTP (LangChain4j has no batch client): upload a JSONL file of chat
 * requests, create a batch on {@code /v1/chat/completions}, poll it, find it again by its input file, read its output
 * and error files, cancel it. Blocking, for virtual or worker threads; a failure is thrown and the caller's next
 * pass tries again, which is safe because every step is stored before the next one is taken. As a {@link BatchApi}
 * the staged handle is the input file's id.
 */
@ApplicationScoped
public class OpenAiBatchClient implements BatchApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int LIST_PAGES = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Where the API is: a base URL ending in {@code /v1} and the bearer key (may be blank for a simulator). */
    public record Endpoint(String baseUrl, String apiKey) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + "]";
        }
    }

    /** A batch as the provider reports it; the counts are {@code request_counts}. */
    public record Batch(String id, String status, String inputFileId, String outputFileId, String errorFileId,
            int total, int completed, int failed, Map<String, String> metadata) {

        /** Ended: nothing more will be answered, the files are written. */
        public boolean ended() {
            return switch (status) {
                case "completed", "failed", "expired", "cancelled" -> true;
                default -> false;
            };
        }
    }

    /** The provider answered with an error status; the message is masked. */
    public static class BatchApiException extends BatchApi.BatchApiException {
        public BatchApiException(int status, String message) {
            super(status, message);
        }
    }

    @Override
    public String provider() {
        return LlmSpec.OPENAI;
    }

    /** One line of an input file: the request's chat body to {@code /v1/chat/completions}, ended by a newline. */
    public static String line(Request request) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("custom_id", request.customId());
        line.put("method", "POST");
        line.put("url", "/v1/chat/completions");
        line.set("body", request.body());
        return line + "\n";
    }

    /** Uploads the requests as the JSONL input file of {@code /v1/chat/completions} lines; the file's id. */
    @Override
    public String stage(BatchApi.Endpoint endpoint, String name, List<Request> requests) {
        StringBuilder jsonl = new StringBuilder();
        for (Request request : requests) {
            jsonl.append(line(request));
        }
        return upload(openAi(endpoint), name.endsWith(".jsonl") ? name : name + ".jsonl", jsonl.toString());
    }

    @Override
    public Status create(BatchApi.Endpoint endpoint, String staged, List<Request> requests, String completionWindow,
            Map<String, String> metadata) {
        return status(create(openAi(endpoint), staged, completionWindow, metadata));
    }

    /** The batch made from the staged input file, whatever its count or time. */
    @Override
    public Optional<Status> find(BatchApi.Endpoint endpoint, String staged, int requests, Instant since,
            Set<String> claimed) {
        return findByInputFile(openAi(endpoint), staged).map(OpenAiBatchClient::status);
    }

    @Override
    public Status get(BatchApi.Endpoint endpoint, String batchId) {
        return status(get(openAi(endpoint), batchId));
    }

    /** Cancels; a 409 (the batch ended meanwhile) answers the batch as it is. */
    @Override
    public Status cancel(BatchApi.Endpoint endpoint, String batchId) {
        try {
            return status(cancel(openAi(endpoint), batchId));
        } catch (BatchApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            return get(endpoint, batchId);
        }
    }

    /**
     * The output file's lines (status 200: succeeded with the chat completion; another status: failed with it) and
     * the error file's (failed with the error's code: {@code batch_expired}, {@code batch_cancelled}, ...).
     */
    @Override
    public List<Result> results(BatchApi.Endpoint endpoint, Status ended) {
        Endpoint target = openAi(endpoint);
        List<Result> results = new ArrayList<>();
        for (String fileId : new String[] { ended.results(), ended.errors() }) {
            if (fileId == null) {
                continue;
            }
            for (JsonNode line : lines(content(target, fileId))) {
                results.add(result(line));
            }
        }
        return results;
    }

    /**
     * One line of an output or error file as a result: status 200 succeeded with its chat completion; an
     * {@code error} object failed with its code; another status failed with it.
     */
    public static Result result(JsonNode line) {
        String customId = line.path("custom_id").asText(null);
        JsonNode response = line.path("response");
        if (response.path("status_code").asInt() == 200) {
            return new Result(customId, response.path("body"), null);
        } else if (line.path("error").isObject()) {
            return new Result(customId, null, line.path("error").path("code").asText("error"));
        }
        return new Result(customId, null, "status " + response.path("status_code").asInt());
    }

    @Override
    public Answer answer(JsonNode body, String model) {
        return answerOf(body, model);
    }

    /**
     * A chat completion as the real-time client reads it: the first choice's content, {@code usage}'s
     * {@code prompt_tokens}, {@code prompt_tokens_details.cached_tokens} and {@code completion_tokens}, and its
     * {@code finish_reason} in LangChain4j's names.
     */
    public static Answer answerOf(JsonNode body, String model) {
        JsonNode choice = body.path("choices").path(0);
        JsonNode usage = body.path("usage");
        return new Answer(choice.path("message").path("content").asText(""), body.path("model").asText(model),
                new LlmUsage(usage.path("prompt_tokens").asLong(), usage.path("prompt_tokens_details")
                        .path("cached_tokens").asLong(), usage.path("completion_tokens").asLong()),
                finishReason(choice.path("finish_reason").asText(null)));
    }

    /** OpenAI's finish reasons in LangChain4j's names, as real-time answers carry them. */
    private static String finishReason(String finish) {
        if (finish == null) {
            return null;
        }
        return switch (finish) {
            case "tool_calls", "function_call" -> "TOOL_EXECUTION";
            default -> finish.toUpperCase(Locale.ROOT);
        };
    }

    /**
     * One chat request as a real-time LangChain4j OpenAI model sends it: the model, a system and a user message, the
     * temperature and {@code format}'s schema as {@code response_format: json_schema}, strict or not as that model
     * sends it (LangChain4j's default for the configured endpoint, strict for a spec's own {@code base_url}).
     */
    public static ObjectNode chatBody(String model, String system, String user, double temperature,
            ResponseFormat format, boolean strict) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        body.put("temperature", temperature);
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", format.jsonSchema().name());
        schema.put("strict", strict);
        schema.set("schema", Json.MAPPER.valueToTree(JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement(),
                strict)));
        return body;
    }

    private static Endpoint openAi(BatchApi.Endpoint endpoint) {
        return new Endpoint(endpoint.baseUrl(), endpoint.apiKey());
    }

    private static Status status(Batch batch) {
        return new Status(batch.id(), batch.status(), batch.ended(), batch.total(), batch.completed(), batch.failed(),
                batch.outputFileId(), batch.errorFileId(), null);
    }

    /** Uploads {@code jsonl} with {@code purpose=batch}; the file's id. */
    public String upload(Endpoint endpoint, String fileName, String jsonl) {
        String boundary = "----seedforge" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = request(endpoint, "/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return send(request).path("id").asText();
    }

    /** Creates a batch of the uploaded file's requests on {@code /v1/chat/completions}. */
    public Batch create(Endpoint endpoint, String inputFileId, String completionWindow, Map<String, String> metadata) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("input_file_id", inputFileId);
        body.put("endpoint", "/v1/chat/completions");
        body.put("completion_window", completionWindow);
        body.set("metadata", Json.MAPPER.valueToTree(metadata));
        HttpRequest request = request(endpoint, "/batches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        return batch(send(request));
    }

    public Batch get(OpenAiBatchClient.Endpoint endpoint, String batchId) {
        return batch(send(request(endpoint, "/batches/" + encode(batchId)).GET().build()));
    }

    /**
     * The batch created from this input file, if any: what a generator that stopped between creating a batch and
     * storing its id looks for before it creates one (newest first, {@value #LIST_PAGES} pages of 100 at most).
     */
    public Optional<Batch> findByInputFile(Endpoint endpoint, String inputFileId) {
        String after = null;
        for (int page = 0; page < LIST_PAGES; page++) {
            JsonNode list = send(request(endpoint, "/batches?limit=100" + (after == null ? ""
                    : "&after="
                            + encode(after)))
                    .GET().build());
            for (JsonNode item : list.path("data")) {
                if (inputFileId.equals(item.path("input_file_id").asText())) {
                    return Optional.of(batch(item));
                }
                after = item.path("id").asText();
            }
            if (!list.path("has_more").asBoolean(false) || after == null) {
                break;
            }
        }
        return Optional.empty();
    }

    public Batch cancel(OpenAiBatchClient.Endpoint endpoint, String batchId) {
        return batch(send(request(endpoint, "/batches/" + encode(batchId) + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** A file's content (an output or error file: JSONL). */
    public String content(Endpoint endpoint, String fileId) {
        HttpResponse<String> response = exchange(request(endpoint, "/files/" + encode(fileId) + "/content").GET()
                .build());
        return response.body();
    }

    /** Reads a JSONL file's lines as JSON, skipping blank ones. */
    public static List<JsonNode> lines(String jsonl) {
        List<JsonNode> lines = new ArrayList<>();
        if (jsonl == null) {
            return lines;
        }
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(Json.MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new BatchApiException(0, "a line of a batch file is not JSON: " + e.getMessage());
                }
            }
        }
        return lines;
    }

    private static Batch batch(JsonNode node) {
        JsonNode counts = node.path("request_counts");
        Map<String, String> metadata = node.path("metadata").isObject()
                ? Json.MAPPER.convertValue(node.path("metadata"), Json.MAPPER.getTypeFactory()
                        .constructMapType(Map.class, String.class, String.class))
                : Map.of();
        return new Batch(node.path("id").asText(), node.path("status").asText(), text(node, "input_file_id"),
                text(node, "output_file_id"), text(node, "error_file_id"), counts.path("total").asInt(),
                counts.path("completed").asInt(), counts.path("failed").asInt(), metadata);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static HttpRequest.Builder request(Endpoint endpoint, String path) {
        String base = endpoint.baseUrl().endsWith("/") ? endpoint.baseUrl().substring(0, endpoint.baseUrl().length() - 1)
                : endpoint.baseUrl();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (endpoint.apiKey() != null && !endpoint.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        try {
            return Json.MAPPER.readTree(exchange(request).body());
        } catch (IOException e) {
            throw new BatchApiException(0, "the batch API's answer is not JSON: " + e.getMessage());
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                String body = response.body() == null ? "" : response.body();
                throw new BatchApiException(response.statusCode(), Secrets.redact(request.method() + " "
                        + request.uri().getPath() + ": " + response.statusCode() + " "
                        + body.substring(0, Math.min(body.length(), 500))));
            }
            return response;
        } catch (IOException e) {
            throw new BatchApiException(0, Secrets.redact(request.method() + " " + request.uri().getPath()
                    + " failed: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchApiException(0, "interrupted");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
