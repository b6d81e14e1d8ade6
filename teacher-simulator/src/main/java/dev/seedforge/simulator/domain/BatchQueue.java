package dev.seedforge.simulator.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Batch API over {@link FileStore}, in memory. A batch moves through its states by the clock (validating for
 * the first tenth of the completion delay, in progress, finalizing for the last tenth, then completed), so a client
 * polls it as it polls OpenAI; its requests are answered as the clock says they are done, each once, and the output
 * and error files are written once when it ends: reading a batch twice never changes its results.
 */
public final class BatchQueue {

    public static final String ENDPOINT = "/v1/chat/completions";
    public static final String WINDOW = "24h";
    static final String EXPIRED_MESSAGE = "This request could not be executed before the completion window expired.";
    static final String CANCELLED_MESSAGE = "This request was not executed because the batch was cancelled.";
    static final String SERVER_ERROR_MESSAGE = "The server had an error while processing your request. Sorry about "
            + "that!";
    private static final long WINDOW_SECONDS = 24 * 3600;
    private static final long EXPIRE_SALT = 0xE4E1_2EDL;
    private static final long FAIL_SALT = 0xFA11_ED5L;

    /** Answers one request line's {@code body} as the real-time endpoint would. */
    @FunctionalInterface
    public interface Answerer {
        LineAnswer answer(String apiKey, JsonNode body);
    }

    /** An HTTP status and body; the tokens are 0 for an error. */
    public record LineAnswer(int statusCode, JsonNode body, int promptTokens, int completionTokens) {
    }

    /** A refused API call: the HTTP status and OpenAI's error {@code param}, {@code code} and message. */
    public static final class BatchApiException extends RuntimeException {
        private final int status;
        private final String param;
        private final String code;

        public BatchApiException(int status, String param, String code, String message) {
            super(message);
            this.status = status;
            this.param = param;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String param() {
            return param;
        }

        public String code() {
            return code;
        }
    }

    private final long seed;
    private final BatchSettings settings;
    private final FileStore files;
    private final Answerer answerer;
    private final LongSupplier millisClock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public BatchQueue(long seed, BatchSettings settings, FileStore files, Answerer answerer, LongSupplier millisClock) {
        this.seed = seed;
        this.settings = settings;
        this.files = files;
        this.answerer = answerer;
        this.millisClock = millisClock;
    }

    public BatchSettings settings() {
        return settings;
    }

    /** Creates a batch in {@code validating}; its input lines are checked now, the verdict shown when it leaves. */
    public Map<String, Object> create(String apiKey, String inputFileId, String endpoint, String completionWindow,
            Map<String, String> metadata) {
        if (inputFileId == null || inputFileId.isBlank()) {
            throw new BatchApiException(400, "input_file_id", null, "Missing required parameter: 'input_file_id'.");
        }
        if (!ENDPOINT.equals(endpoint)) {
            throw new BatchApiException(400, "endpoint", null, "Invalid value for 'endpoint': the teacher simulator "
                    + "batches " + ENDPOINT + " only, got " + endpoint + ".");
        }
        if (!WINDOW.equals(completionWindow)) {
            throw new BatchApiException(400, "completion_window", null,
                    "Invalid value for 'completion_window': only '24h' is supported, got " + completionWindow + ".");
        }
        if (metadata != null && metadata.size() > 16) {
            throw new BatchApiException(400, "metadata", null, "'metadata' holds at most 16 pairs.");
        }
        FileStore.StoredFile input = files.get(inputFileId).orElseThrow(() -> new BatchApiException(404,
                "input_file_id", null, "No such File object: " + inputFileId));
        if (!FileStore.PURPOSE_BATCH.equals(input.purpose())) {
            throw new BatchApiException(400, "input_file_id", "invalid_file_purpose",
                    "The file " + inputFileId + " has purpose '" + input.purpose() + "', not 'batch'.");
        }
        long n = sequence.incrementAndGet();
        Batch batch = new Batch("batch_" + Ids.hex(seed, 0xBA7CL, n), n, apiKey, input.id(), endpoint,
                completionWindow, metadata == null ? null : Map.copyOf(metadata), millisClock.getAsLong());
        parse(batch, input.text());
        SplittableRandom random = new SplittableRandom(RequestRandom.mix(RequestRandom.mix(seed, EXPIRE_SALT), n));
        if (batch.errors.isEmpty() && random.nextDouble() < settings.expiredRate()) {
            batch.expireAfter = (int) Math.floor(batch.requests.size() * (0.2 + 0.6 * random.nextDouble()));
        }
        batches.put(batch.id, batch);
        count("batches");
        synchronized (batch) {
            return batch.describe();
        }
    }

    public Optional<Map<String, Object>> get(String id) {
        Batch batch = id == null ? null : batches.get(id);
        if (batch == null) {
            return Optional.empty();
        }
        synchronized (batch) {
            advance(batch, millisClock.getAsLong(), 0);
            return Optional.of(batch.describe());
        }
    }

    /**
     * Brings every open batch up to date: called every few hundred milliseconds, so that requests are answered as
     * they fall due rather than all at once by the poll that finds a batch's time up.
     */
    public void tick() {
        long now = millisClock.getAsLong();
        for (Batch batch : batches.values()) {
            boolean more = true;
            while (more) {
                synchronized (batch) {
                    more = advance(batch, now, 1) > 0;
                }
            }
        }
    }

    /** Newest first, as OpenAI lists them: {@code after} a batch id, at most {@code limit} (1 to 100). */
    public Map<String, Object> list(String after, int limit) {
        if (limit < 1 || limit > 100) {
            throw new BatchApiException(400, "limit", null, "'limit' must be between 1 and 100, got " + limit + ".");
        }
        List<Batch> all = batches.values().stream().sorted((a, b) -> Long.compare(b.number, a.number)).toList();
        int from = 0;
        if (after != null && !after.isBlank()) {
            Batch anchor = batches.get(after);
            if (anchor == null) {
                throw new BatchApiException(404, "after", null, "No such batch: " + after);
            }
            from = all.indexOf(anchor) + 1;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = from; i < Math.min(all.size(), from + limit); i++) {
            data.add(get(all.get(i).id).orElseThrow());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", data);
        out.put("first_id", data.isEmpty() ? null : data.get(0).get("id"));
        out.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
        out.put("has_more", from + limit < all.size());
        return out;
    }

    /**
     * Cancels a batch that has not ended: the requests done by now stay answered (in the output file), the others end
     * as {@code batch_cancelled} in the error file.
     */
    public Optional<Map<String, Object>> cancel(String id) {
        Batch batch = id == null ? null : batches.get(id);
        if (batch == null) {
            return Optional.empty();
        }
        synchronized (batch) {
            long now = millisClock.getAsLong();
            advance(batch, now, 0);
            if (!batch.status.equals("validating") && !batch.status.equals("in_progress")
                    && !batch.status.equals("finalizing")) {
                throw new BatchApiException(409, null, null,
                        "Cannot cancel a batch with status '" + batch.status + "'.");
            }
            batch.cancellingAtMs = now;
            batch.cancellingAt = now / 1000;
            batch.status = "cancelling";
            count("cancelled");
            return Optional.of(batch.describe());
        }
    }

    /** The Batch API's counters since start or reset, apart from the real-time ones. */
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : List.of("batches", "completed", "failed", "expired", "cancelled", "requests",
                "request_completions", "request_errors", "request_expired", "request_cancelled", "prompt_tokens",
                "completion_tokens")) {
            AtomicLong counter = counters.get(name);
            out.put(name, counter == null ? 0 : counter.get());
        }
        return out;
    }

    public void resetStats() {
        counters.clear();
    }

    private void count(String name) {
        add(name, 1);
    }

    private void add(String name, long n) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
    }

    private void parse(Batch batch, String text) {
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (Exception e) {
                batch.error("invalid_json_line", number, null, "This line is not parseable as valid JSON.");
                continue;
            }
            if (node == null || !node.isObject()) {
                batch.error("invalid_json_line", number, null, "This line is not a JSON object.");
                continue;
            }
            String customId = node.path("custom_id").isTextual() ? node.get("custom_id").asText() : null;
            if (customId == null || customId.isEmpty()) {
                batch.error("missing_required_parameter", number, "custom_id", "Missing required parameter: "
                        + "'custom_id'.");
            } else if (!ids.add(customId)) {
                batch.error("duplicate_custom_id", number, "custom_id", "The custom_id '" + customId
                        + "' is used more than once in this batch.");
            }
            if (!"POST".equals(node.path("method").asText(null))) {
                batch.error("invalid_method", number, "method", "Invalid value for 'method': only 'POST' is "
                        + "supported.");
            }
            if (!batch.endpoint.equals(node.path("url").asText(null))) {
                batch.error("mismatched_endpoint", number, "url", "The url of this line must be the batch's endpoint "
                        + batch.endpoint + ".");
            }
            if (!node.path("body").isObject()) {
                batch.error("missing_required_parameter", number, "body", "Missing required parameter: 'body'.");
            }
            batch.requests.add(new Line(customId, node.path("body")));
        }
        if (batch.requests.isEmpty() && batch.errors.isEmpty()) {
            batch.error("empty_file", null, null, "The input file holds no requests.");
        }
    }

    /**
     * Brings the batch to the state its age says, answering at most {@code budget} of the requests due by now (each
     * once): a poll answers none and stays fast, {@link #tick()} answers them one per lock. A batch whose answers lag
     * behind the clock stays in progress until they are done, as a busy provider's does.
     *
     * @return how many requests this call answered
     */
    private int advance(Batch batch, long now, int budget) {
        long delay = settings.completionDelayMs();
        long age = now - batch.createdAtMs;
        if (batch.status.equals("cancelling")) {
            if (now - batch.cancellingAtMs >= delay / 10) {
                finish(batch, "cancelled", now);
            }
            return 0;
        }
        if (!batch.status.equals("validating") && !batch.status.equals("in_progress")
                && !batch.status.equals("finalizing")) {
            return 0;
        }
        if (age < delay / 10) {
            return 0;
        }
        if (!batch.errors.isEmpty()) {
            batch.status = "failed";
            batch.failedAt = now / 1000;
            count("failed");
            return 0;
        }
        if (batch.inProgressAt == null) {
            batch.inProgressAt = (batch.createdAtMs + delay / 10) / 1000;
            batch.status = "in_progress";
        }
        int total = batch.requests.size();
        long running = delay - delay / 5;
        int due = running <= 0 || age >= delay ? total
                : (int) Math.min(total, (long) Math.floor(total * (double) (age - delay / 10) / running));
        int target = batch.expireAfter >= 0 ? batch.expireAfter : total;
        due = Math.min(due, target);
        int answered = answerUpTo(batch, due, budget);
        boolean allDone = batch.results.size() >= target;
        if (allDone && age >= delay) {
            if (batch.expireAfter >= 0) {
                finish(batch, "expired", now);
            } else {
                if (batch.finalizingAt == null) {
                    batch.finalizingAt = now / 1000;
                }
                finish(batch, "completed", now);
            }
        } else if (allDone && batch.expireAfter < 0 && age >= delay - delay / 10
                && batch.status.equals("in_progress")) {
            batch.status = "finalizing";
            batch.finalizingAt = now / 1000;
        }
        return answered;
    }

    private int answerUpTo(Batch batch, int due, int budget) {
        int answered = 0;
        while (batch.results.size() < due && answered < budget) {
            answered++;
            int index = batch.results.size();
            Line line = batch.requests.get(index);
            count("requests");
            SplittableRandom random = new SplittableRandom(RequestRandom.mix(
                    RequestRandom.mix(RequestRandom.mix(seed, FAIL_SALT), batch.number), index));
            String lineId = "batch_req_" + Ids.hex(seed, batch.number * 31 + 7, index);
            String requestId = Ids.hex(seed, batch.number * 31 + 11, index) + Ids.hex(seed, batch.number * 31 + 13,
                    index);
            ObjectNode response = mapper.createObjectNode();
            if (random.nextDouble() < settings.failedRequestRate()) {
                ObjectNode error = mapper.createObjectNode();
                error.putObject("error").put("message", SERVER_ERROR_MESSAGE).put("type", "server_error")
                        .putNull("param").putNull("code");
                response.put("status_code", 500).put("request_id", requestId).set("body", error);
                batch.results.add(new Result(lineId, line.customId, response, null, false));
                count("request_errors");
                continue;
            }
            LineAnswer answer = answerer.answer(batch.apiKey, line.body);
            response.put("status_code", answer.statusCode()).put("request_id", requestId).set("body", answer.body());
            boolean ok = answer.statusCode() == 200;
            batch.results.add(new Result(lineId, line.customId, response, null, ok));
            if (ok) {
                count("request_completions");
                add("prompt_tokens", answer.promptTokens());
                add("completion_tokens", answer.completionTokens());
            } else {
                count("request_errors");
            }
        }
        return answered;
    }

    /** Ends the batch: the unanswered requests get {@code code}'s error, and both files are written, once. */
    private void finish(Batch batch, String status, long now) {
        String code = status.equals("expired") ? "batch_expired" : "batch_cancelled";
        String message = status.equals("expired") ? EXPIRED_MESSAGE : CANCELLED_MESSAGE;
        int answered = batch.results.size();
        for (int index = answered; index < batch.requests.size(); index++) {
            ObjectNode error = mapper.createObjectNode().put("code", code).put("message", message);
            batch.results.add(new Result("batch_req_" + Ids.hex(seed, batch.number * 31 + 7, index),
                    batch.requests.get(index).customId, null, error, false));
            count(status.equals("expired") ? "request_expired" : "request_cancelled");
        }
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        for (Result result : batch.results) {
            ObjectNode line = mapper.createObjectNode().put("id", result.id).put("custom_id", result.customId);
            line.set("response", result.response);
            line.set("error", result.error);
            (result.ok ? output : errors).append(line).append('\n');
        }
        if (!output.isEmpty()) {
            batch.outputFileId = files.put(batch.id + "_output.jsonl", FileStore.PURPOSE_BATCH_OUTPUT,
                    output.toString().getBytes(StandardCharsets.UTF_8)).id();
        }
        if (!errors.isEmpty()) {
            batch.errorFileId = files.put(batch.id + "_error.jsonl", FileStore.PURPOSE_BATCH_OUTPUT,
                    errors.toString().getBytes(StandardCharsets.UTF_8)).id();
        }
        long seconds = now / 1000;
        switch (status) {
            case "expired" -> {
                batch.expiredAt = seconds;
                count("expired");
            }
            case "cancelled" -> batch.cancelledAt = seconds;
            default -> {
                batch.completedAt = seconds;
                count("completed");
            }
        }
        batch.status = status;
    }

    private record Line(String customId, JsonNode body) {
    }

    /** One answered request: a response (any status), or an error such as {@code batch_expired}. */
    private record Result(String id, String customId, ObjectNode response, ObjectNode error, boolean ok) {
    }

    private static final class Batch {
        final String id;
        final long number;
        final String apiKey;
        final String inputFileId;
        final String endpoint;
        final String completionWindow;
        final Map<String, String> metadata;
        final long createdAtMs;
        final List<Line> requests = new ArrayList<>();
        final List<Map<String, Object>> errors = new ArrayList<>();
        final List<Result> results = new ArrayList<>();
        int expireAfter = -1;
        String status = "validating";
        Long inProgressAt;
        Long finalizingAt;
        Long completedAt;
        Long failedAt;
        Long expiredAt;
        Long cancellingAt;
        long cancellingAtMs;
        Long cancelledAt;
        String outputFileId;
        String errorFileId;

        Batch(String id, long number, String apiKey, String inputFileId, String endpoint, String completionWindow,
                Map<String, String> metadata, long createdAtMs) {
            this.id = id;
            this.number = number;
            this.apiKey = apiKey;
            this.inputFileId = inputFileId;
            this.endpoint = endpoint;
            this.completionWindow = completionWindow;
            this.metadata = metadata;
            this.createdAtMs = createdAtMs;
        }

        void error(String code, Integer line, String param, String message) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("line", line);
            error.put("message", message);
            error.put("param", param);
            errors.add(error);
        }

        /** The batch object with OpenAI's fields. */
        Map<String, Object> describe() {
            long completed = results.stream().filter(Result::ok).count();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("object", "batch");
            out.put("endpoint", endpoint);
            out.put("errors", status.equals("failed") ? Map.of("object", "list", "data", errors) : null);
            out.put("input_file_id", inputFileId);
            out.put("completion_window", completionWindow);
            out.put("status", status);
            out.put("output_file_id", outputFileId);
            out.put("error_file_id", errorFileId);
            out.put("created_at", createdAtMs / 1000);
            out.put("in_progress_at", inProgressAt);
            out.put("expires_at", createdAtMs / 1000 + WINDOW_SECONDS);
            out.put("finalizing_at", finalizingAt);
            out.put("completed_at", completedAt);
            out.put("failed_at", failedAt);
            out.put("expired_at", expiredAt);
            out.put("cancelling_at", cancellingAt);
            out.put("cancelled_at", cancelledAt);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("total", status.equals("failed") ? 0 : requests.size());
            counts.put("completed", completed);
            counts.put("failed", results.size() - completed);
            out.put("request_counts", counts);
            out.put("metadata", metadata);
            return out;
        }
    }
}
