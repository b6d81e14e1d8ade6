package dev.seedforge.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.support.rules.ReplyJsonSchema;

/**
 * A schema in a spec that names a URL is refused at submission, and when such a spec reaches the validator anyway
 * (straight from the candidates/job-specs path, never checked), the validator fetches nothing: a local listener
 * counts every request and must see none.
 */
class SchemaReferencesTest {

    private HttpServer listener;
    private final AtomicInteger requests = new AtomicInteger();
    private String url;

    @BeforeEach
    void listen() throws Exception {
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
        url = "http://127.0.0.1:" + listener.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        listener.stop(0);
    }

    private JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace("URL", url));
    }

    private static List<ChatTurn> turns(JsonNode example) {
        return ExampleFormat.OPENAI.turns(example);
    }

    private static Candidate candidate(JsonNode example) {
        return new Candidate(SchemaVersions.CURRENT, "c-1", "job-1", Candidate.DEFAULT_CELL, ExampleFormat.OPENAI,
                example, new Lineage("gpt-4o-mini", "hash", List.of(0), 0.9, 10, 20, 0.0001));
    }

    private JobSpec specReferringOutside() throws Exception {
        JsonNode tool = json("""
                {"type": "function", "function": {"name": "lookup", "parameters": {"type": "object",
                 "properties": {"x": {"$ref": "URL/evil-schema.json"}, "y": {"$schema": "URL/meta.json"}}}}}""");
        JsonNode replySchema = json("""
                {"type": "object", "properties": {"name": {"$ref": "URL/name.json"}}}""");
        return JobSpec.builder().task("t").format(ExampleFormat.OPENAI).target(10).tools(List.of(tool))
                .rules(new ValidationRules(null, null, null, null, null, replySchema)).build();
    }

    @Test
    void aSpecNamingAUrlIsRefusedAtSubmissionNamingTheField() throws Exception {
        List<String> fields = JobSpecs.validate(specReferringOutside()).stream().map(FieldError::field).toList();
        assertTrue(fields.contains("tools[0].function.parameters.properties.x.$ref"), fields.toString());
        assertTrue(fields.contains("tools[0].function.parameters.properties.y.$schema"), fields.toString());
        assertTrue(fields.contains("rules.reply_json_schema.properties.name.$ref"), fields.toString());
        assertEquals(0, requests.get());
    }

    @Test
    void theValidatorFetchesNothingASpecNamesEvenWhenTheSpecWasNeverChecked() throws Exception {
        CandidateValidator validator = CandidateValidator.forJob(specReferringOutside());
        JsonNode callsTheTool = json("""
                {"messages": [{"role": "user", "content": "look up 7"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "lookup", "arguments": "{\\"x\\": \\"7\\", \\"y\\": 1}"}}]},
                 {"role": "tool", "tool_call_id": "call_1", "content": "found"},
                 {"role": "assistant", "content": "{\\"name\\": \\"seven\\"}"}]}""");
        for (int i = 0; i < 7; i++) {
            Verdict verdict = validator.validate(candidate(callsTheTool));
            assertEquals(List.of("tool_arguments_schema"), verdict.reasons().stream().map(Reason::code).distinct()
                    .toList(), verdict.reasons().toString());
        }
        ReplyJsonSchema reply = new ReplyJsonSchema(specReferringOutside().rules().replyJsonSchema());
        assertEquals("reply_schema_mismatch", reply.check(turns(callsTheTool)).get(0).code());
        assertEquals(0, requests.get(), "no request may reach the listener");
    }

    @Test
    void replySchemaMismatchesNameTheJsonPointer() throws Exception {
        ReplyJsonSchema check = new ReplyJsonSchema(json("""
                {"type": "object", "required": ["name", "age"], "additionalProperties": false,
                 "properties": {"name": {"$ref": "#/$defs/text"}, "age": {"type": "integer", "minimum": 0},
                  "tags": {"type": "array", "items": {"type": "string"}}},
                 "$defs": {"text": {"type": "string", "minLength": 1}}}"""));
        JsonNode good = json("""
                {"messages": [{"role": "user", "content": "Ann is 34"},
                 {"role": "assistant", "content": "{\\"name\\": \\"Ann\\", \\"age\\": 34, \\"tags\\": [\\"x\\"]}"}]}""");
        assertEquals(List.of(), check.check(turns(good)));
        JsonNode bad = json("""
                {"messages": [{"role": "user", "content": "Ann is 34"},
                 {"role": "assistant", "content": "{\\"name\\": \\"Ann\\", \\"age\\": -1, \\"tags\\": [\\"x\\", 3]}"}]}""");
        List<Reason> reasons = check.check(turns(bad));
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.stream().allMatch(r -> r.code().equals("reply_schema_mismatch")));
        assertTrue(reasons.stream().anyMatch(r -> r.message().contains("'/age'")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.message().contains("'/tags/1'")), reasons.toString());
        JsonNode notJson = json("""
                {"messages": [{"role": "user", "content": "Ann is 34"}, {"role": "assistant", "content": "Ann, 34"}]}""");
        assertTrue(check.check(turns(notJson)).get(0).message().contains("not JSON"));
    }

    @Test
    void theJobsReplySchemaRunsWithTheOtherChecks() throws Exception {
        JobSpec spec = JobSpec.builder().task("t").format(ExampleFormat.ALPACA).target(10)
                .rules(new ValidationRules(null, null, null, null, null, json("{\"type\": \"object\"}"))).build();
        CandidateValidator validator = CandidateValidator.forJob(spec);
        Candidate text = new Candidate(SchemaVersions.CURRENT, "c-2", "job-1", Candidate.DEFAULT_CELL,
                ExampleFormat.ALPACA, json("{\"instruction\": \"Extract\", \"input\": \"Ann\", \"output\": \"Ann\"}"),
                new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0.0));
        assertEquals("reply_schema_mismatch", validator.validate(text).reasons().get(0).code());
        Candidate object = new Candidate(SchemaVersions.CURRENT, "c-3", "job-1", Candidate.DEFAULT_CELL,
                ExampleFormat.ALPACA, json("{\"instruction\": \"Extract\", \"input\": \"Ann\", \"output\": \"{}\"}"),
                new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0.0));
        assertTrue(validator.validate(object).accepted());
    }
}
