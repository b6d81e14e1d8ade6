package dev.seedforge.simulator.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Message Batches over {@link BatchQueue}: each request's Messages {@code params} become the chat request
 * the OpenAI-style answerer answers (the system blocks as a system message, the messages as they are,
 * {@code output_config.format}'s schema as {@code response_format: json_schema}), so a batch has the same lifecycle,
 * completion delay, failed and expired rates as an OpenAI batch; its status, counts and results are shown in
 * Anthropic's shapes (a chat completion becomes a Message with Anthropic's usage). In memory, like the queue.
 */
public final class MessageBatches {

    static final String PREFIX = "msgbatch_";
    private static final Pattern CUSTOM_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int MAX_REQUESTS = 100_000;

    /** A refused call: the HTTP status and Anthropic's error type and message. */
    public static final class MessageBatchException extends RuntimeException {
        private final int status;
        private final String type;

        public MessageBatchException(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        public String type() {
            return type;
        }
    }

    private final BatchQueue queue;
    private final FileStore files;
    private final ObjectMapper mapper = new ObjectMapper();
    /** Anthropic batch ids, oldest first, against the queue's batch ids. */
    private final Map<String, String> batches = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();

    public MessageBatches(BatchQueue queue, FileStore files) {
        this.queue = queue;
        this.files = files;
    }

    /** Creates a batch of {@code body.requests}; every request is checked first, as Anthropic checks them. */
    public Map<String, Object> create(String apiKey, JsonNode body, String resultsBase) {
        JsonNode requests = body == null ? null : body.path("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw invalid("requests: Field required (a non-empty array of {custom_id, params})");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw invalid("requests: at most " + MAX_REQUESTS + " requests per batch");
        }
        Set<String> ids = new HashSet<>();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < requests.size(); i++) {
            JsonNode request = requests.get(i);
            String customId = request.path("custom_id").asText("");
            if (!CUSTOM_ID.matcher(customId).matches()) {
                throw invalid("requests." + i + ".custom_id: must match ^[a-zA-Z0-9_-]{1,64}$");
            }
            if (!ids.add(customId)) {
                throw invalid("requests." + i + ".custom_id: duplicate custom_id '" + customId + "'");
            }
            ObjectNode line = mapper.createObjectNode().put("custom_id", customId).put("method", "POST")
                    .put("url", BatchQueue.ENDPOINT);
            line.set("body", chatRequest(request.path("params"), "requests." + i + ".params"));
            jsonl.append(line).append('\n');
        }
        FileStore.StoredFile input = files.put("message_batch.jsonl", FileStore.PURPOSE_BATCH,
                jsonl.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> made = queue.create(apiKey, input.id(), BatchQueue.ENDPOINT, BatchQueue.WINDOW, null);
        String queueId = (String) made.get("id");
        String id = PREFIX + queueId.substring(queueId.indexOf('_') + 1);
        synchronized (order) {
            batches.put(id, queueId);
            order.add(id);
        }
        return describe(id, made, resultsBase);
    }

    public Optional<Map<String, Object>> get(String id, String resultsBase) {
        String queueId = id == null ? null : batches.get(id);
        return queueId == null ? Optional.empty()
                : queue.get(queueId).map(batch -> describe(id, batch, resultsBase));
    }

    /** Newest first; {@code afterId} a batch id of this list, {@code limit} 1 to 1000. */
    public Map<String, Object> list(String afterId, int limit, String resultsBase) {
        if (limit < 1 || limit > 1000) {
            throw invalid("limit: must be between 1 and 1000, got " + limit);
        }
        List<String> newest;
        synchronized (order) {
            newest = new ArrayList<>(order).reversed();
        }
        int from = 0;
        if (afterId != null && !afterId.isBlank()) {
            int at = newest.indexOf(afterId);
            if (at < 0) {
                throw new MessageBatchException(404, "not_found_error", "after_id: no such message batch " + afterId);
            }
            from = at + 1;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = from; i < Math.min(newest.size(), from + limit); i++) {
            data.add(get(newest.get(i), resultsBase).orElseThrow());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("has_more", from + limit < newest.size());
        out.put("first_id", data.isEmpty() ? null : data.get(0).get("id"));
        out.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
        return out;
    }

    /** Cancels a batch in progress; an ended one is refused as Anthropic refuses it. */
    public Optional<Map<String, Object>> cancel(String id, String resultsBase) {
        String queueId = id == null ? null : batches.get(id);
        if (queueId == null) {
            return Optional.empty();
        }
        try {
            return queue.cancel(queueId).map(batch -> describe(id, batch, resultsBase));
        } catch (BatchQueue.BatchApiException e) {
            throw invalid("message batch " + id + " has already ended and cannot be canceled");
        }
    }

    /** The results JSONL of an ended batch: one {@code {custom_id, result}} line per request. */
    public Optional<String> results(String id) {
        String queueId = id == null ? null : batches.get(id);
        if (queueId == null) {
            return Optional.empty();
        }
        Map<String, Object> batch = queue.get(queueId).orElseThrow();
        if (!ended((String) batch.get("status"))) {
            throw invalid("message batch " + id + " is still processing; its results are not available yet");
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode line : lines(batch)) {
            ObjectNode result = mapper.createObjectNode().put("custom_id", line.path("custom_id").asText());
            result.set("result", result(line));
            out.append(result).append('\n');
        }
        return Optional.of(out.toString());
    }

    /** The chat request a request's Messages params stand for, the fields checked as Anthropic checks them. */
    ObjectNode chatRequest(JsonNode params, String field) {
        if (!params.isObject()) {
            throw invalid(field + ": Field required");
        }
        if (!params.path("model").isTextual()) {
            throw invalid(field + ".model: Field required");
        }
        if (!params.path("max_tokens").canConvertToInt() || params.path("max_tokens").asInt() < 1) {
            throw invalid(field + ".max_tokens: Field required (an integer of at least 1)");
        }
        if (!params.path("messages").isArray() || params.path("messages").isEmpty()) {
            throw invalid(field + ".messages: Field required (a non-empty array)");
        }
        if (params.path("stream").asBoolean(false)) {
            throw invalid(field + ".stream: streaming is not supported in message batches");
        }
        ObjectNode chat = mapper.createObjectNode().put("model", params.path("model").asText());
        ArrayNode messages = chat.putArray("messages");
        JsonNode system = params.path("system");
        String systemText = system.isTextual() ? system.asText() : texts(system);
        if (!systemText.isEmpty()) {
            messages.addObject().put("role", "system").put("content", systemText);
        }
        for (JsonNode message : params.path("messages")) {
            JsonNode content = message.path("content");
            messages.addObject().put("role", message.path("role").asText("user")).put("content",
                    content.isTextual() ? content.asText() : texts(content));
        }
        chat.put("max_tokens", params.path("max_tokens").asInt());
        if (params.path("temperature").isNumber()) {
            chat.put("temperature", params.path("temperature").asDouble());
        }
        JsonNode format = params.path("output_config").path("format");
        if (format.isObject()) {
            if (!"json_schema".equals(format.path("type").asText()) || !format.path("schema").isObject()) {
                throw invalid(field + ".output_config.format: type json_schema with a schema object required");
            }
            boolean generation = systemText.contains(SeedParser.SEEDS_OPEN) || messages.toString().contains(
                    SeedParser.SEEDS_OPEN) || messages.toString().contains(SeedParser.EVOLVE_OPEN);
            ObjectNode schema = chat.putObject("response_format").put("type", "json_schema")
                    .putObject("json_schema");
            schema.put("name", generation ? TeacherSimulator.GENERATION_SCHEMA : "output").put("strict", true);
            schema.set("schema", format.path("schema"));
        }
        return chat;
    }

    private static String texts(JsonNode blocks) {
        List<String> parts = new ArrayList<>();
        for (JsonNode block : blocks) {
            if ("text".equals(block.path("type").asText())) {
                parts.add(block.path("text").asText());
            }
        }
        return String.join("\n", parts);
    }

    private Map<String, Object> describe(String id, Map<String, Object> batch, String resultsBase) {
        String status = (String) batch.get("status");
        boolean ended = ended(status);
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) batch.get("request_counts");
        long total = ((Number) counts.get("total")).longValue();
        long succeeded = ((Number) counts.get("completed")).longValue();
        long errored = ((Number) counts.get("failed")).longValue();
        long canceled = 0;
        long expired = 0;
        if (ended) {
            succeeded = 0;
            errored = 0;
            for (JsonNode line : lines(batch)) {
                switch (result(line).path("type").asText()) {
                    case "succeeded" -> succeeded++;
                    case "canceled" -> canceled++;
                    case "expired" -> expired++;
                    default -> errored++;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("type", "message_batch");
        out.put("processing_status", ended ? "ended" : status.equals("cancelling") ? "canceling" : "in_progress");
        Map<String, Object> anthropicCounts = new LinkedHashMap<>();
        anthropicCounts.put("processing", ended ? 0 : Math.max(0, total - succeeded - errored));
        anthropicCounts.put("succeeded", succeeded);
        anthropicCounts.put("errored", errored);
        anthropicCounts.put("canceled", canceled);
        anthropicCounts.put("expired", expired);
        out.put("request_counts", anthropicCounts);
        Long endedAt = ended ? firstOf(batch, "completed_at", "expired_at", "cancelled_at", "failed_at") : null;
        out.put("ended_at", time(endedAt));
        out.put("created_at", time(((Number) batch.get("created_at")).longValue()));
        out.put("expires_at", time(((Number) batch.get("expires_at")).longValue()));
        out.put("archived_at", null);
        out.put("cancel_initiated_at", time((Number) batch.get("cancelling_at")));
        out.put("results_url", ended ? resultsBase + id + "/results" : null);
        return out;
    }

    private static boolean ended(String status) {
        return switch (status) {
            case "completed", "expired", "cancelled", "failed" -> true;
            default -> false;
        };
    }

    /** The queue's output and error file lines of an ended batch. */
    private List<JsonNode> lines(Map<String, Object> batch) {
        List<JsonNode> lines = new ArrayList<>();
        for (String field : List.of("output_file_id", "error_file_id")) {
            Object fileId = batch.get(field);
            if (fileId == null) {
                continue;
            }
            String text = new String(files.get((String) fileId).orElseThrow().content(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        lines.add(mapper.readTree(line));
                    } catch (Exception e) {
                        throw new IllegalStateException("the queue wrote a line that is not JSON", e);
                    }
                }
            }
        }
        return lines;
    }

    /** One queue line as Anthropic's {@code result}: a Message, an error, or canceled / expired. */
    private ObjectNode result(JsonNode line) {
        ObjectNode result = mapper.createObjectNode();
        String code = line.path("error").path("code").asText("");
        if ("batch_expired".equals(code)) {
            return result.put("type", "expired");
        }
        if ("batch_cancelled".equals(code)) {
            return result.put("type", "canceled");
        }
        JsonNode response = line.path("response");
        if (response.path("status_code").asInt() == 200) {
            result.put("type", "succeeded").set("message", message(response.path("body")));
            return result;
        }
        int status = response.path("status_code").asInt(500);
        ObjectNode error = result.put("type", "errored").putObject("error").put("type", "error");
        error.putObject("error").put("type", status >= 500 ? "api_error" : "invalid_request_error").put("message",
                response.path("body").path("error").path("message").asText(line.path("error").path("message")
                        .asText("error")));
        error.put("request_id", response.path("request_id").asText(null));
        return result;
    }

    /** A chat completion as Anthropic's Message: one text block, its stop reason, usage split into cache reads. */
    private ObjectNode message(JsonNode completion) {
        JsonNode choice = completion.path("choices").path(0);
        ObjectNode message = mapper.createObjectNode().put("id", "msg_" + completion.path("id").asText("")
                .replace("chatcmpl-", "")).put("type", "message").put("role", "assistant")
                .put("model", completion.path("model").asText());
        message.putArray("content").addObject().put("type", "text").put("text",
                choice.path("message").path("content").asText(""));
        message.put("stop_reason", switch (choice.path("finish_reason").asText("stop")) {
            case "length" -> "max_tokens";
            case "tool_calls" -> "tool_use";
            default -> "end_turn";
        }).putNull("stop_sequence");
        JsonNode usage = completion.path("usage");
        long prompt = usage.path("prompt_tokens").asLong();
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong();
        message.putObject("usage").put("input_tokens", prompt - cached).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", cached).put("output_tokens", usage.path("completion_tokens").asLong());
        return message;
    }

    private static Long firstOf(Map<String, Object> batch, String... fields) {
        for (String field : fields) {
            if (batch.get(field) instanceof Number n) {
                return n.longValue();
            }
        }
        return null;
    }

    private static String time(Number epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds.longValue()).toString();
    }

    private static MessageBatchException invalid(String message) {
        return new MessageBatchException(400, "invalid_request_error", message);
    }
}
