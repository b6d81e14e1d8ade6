package dev.seedforge.simulator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.seedforge.contracts.tokens.TokenCounter;
import dev.seedforge.simulator.domain.ChatInput;
import dev.seedforge.simulator.domain.FaultInjector;
import dev.seedforge.simulator.domain.LatencyModel;
import dev.seedforge.simulator.domain.PromptCache;
import dev.seedforge.simulator.domain.PromptTokens;
import dev.seedforge.simulator.domain.RateLimiter;
import dev.seedforge.simulator.domain.RequestRandom;
import dev.seedforge.simulator.domain.SimulatedAnswer;
import dev.seedforge.simulator.domain.SimulatedFault;
import dev.seedforge.simulator.domain.TeacherSimulator;
import dev.seedforge.simulator.domain.UsageStats;

/**
 * The OpenAI-compatible surface: {@code POST /v1/chat/completions} and {@code GET /v1/models}. A request may fail on
 * purpose (faults), be refused by the per-key rate limits (429 with OpenAI's headers), or be answered on a worker
 * thread and delayed by the latency model without holding a thread or the event loop.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChatCompletionsResource {

    private static final Logger LOG = Logger.getLogger(ChatCompletionsResource.class);
    static final List<String> MODELS = List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1-nano", "o4-mini",
            "seedforge-teacher-simulator");
    private static final long MODELS_CREATED = 1_715_367_049L;
    private static final long LATENCY_SALT = 0x1A7E_C7L;

    private final TeacherSimulator simulator;
    private final FaultInjector faults;
    private final RateLimiter limiter;
    private final LatencyModel latency;
    private final UsageStats stats;
    private final TokenCounter tokens = new TokenCounter();
    private final PromptCache promptCache;

    public ChatCompletionsResource(TeacherSimulator simulator, FaultInjector faults, RateLimiter limiter,
            LatencyModel latency, UsageStats stats, PromptCache promptCache) {
        this.promptCache = promptCache;
        this.simulator = simulator;
        this.faults = faults;
        this.limiter = limiter;
        this.latency = latency;
        this.stats = stats;
    }

    @POST
    @Path("/chat/completions")
    public Uni<Response> complete(ChatCompletionRequest request, @HeaderParam("Authorization") String authorization) {
        String[] invalid = invalid(request);
        if (invalid != null) {
            return Uni.createFrom().item(badRequest(invalid[0], invalid[1]));
        }
        ChatInput input = request.toInput();
        String apiKey = apiKey(authorization);
        stats.request();
        FaultInjector.Outcome outcome = faults.decide(input);
        if (outcome.fault() != null) {
            if (outcome.fault().status() == 429) {
                stats.stormRateLimited();
            } else {
                stats.serverError();
            }
            return Uni.createFrom().item(faultResponse(outcome.fault(), limiter.currentHeaders(apiKey)));
        }
        return Uni.createFrom().item(() -> answer(input, apiKey, outcome))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(reply -> reply.delayMs() <= 0 ? Uni.createFrom().item(reply.response())
                        : Uni.createFrom().item(reply.response()).onItem().delayIt()
                                .by(Duration.ofMillis(reply.delayMs())));
    }

    /**
     * Rate limit, then answer. With max_tokens the request's token cost is known before answering (as OpenAI
     * estimates it); without, the answer is computed first and its completion tokens count.
     */
    private Reply answer(ChatInput input, String apiKey, FaultInjector.Outcome outcome) {
        String model = input.model() == null ? MODELS.get(0) : input.model();
        RateLimiter.RateLimitDecision decision = null;
        PromptTokens prompt = PromptTokens.of(tokens, input.messages());
        if (input.maxTokens() != null && input.maxTokens() > 0) {
            decision = limiter.acquire(apiKey, model, prompt.count() + input.maxTokens());
            if (!decision.allowed()) {
                return new Reply(rateLimited(decision), 0);
            }
        }
        SimulatedAnswer answer = simulator.answer(input, prompt);
        long rated = answer.promptTokens()
                + (input.maxTokens() != null && input.maxTokens() > 0 ? input.maxTokens() : answer.completionTokens());
        if (decision == null) {
            decision = limiter.acquire(apiKey, model, rated);
            if (!decision.allowed()) {
                return new Reply(rateLimited(decision), 0);
            }
        }
        int cached = promptCache.cachedTokens(apiKey, input.messages(), prompt);
        stats.completion(apiKey, answer.promptTokens(), answer.completionTokens(), rated);
        long delay = latency.millis(answer.completionTokens(), RequestRandom.forRequest(simulator.seed() ^ LATENCY_SALT,
                input.messages(), input.temperature()));
        if (outcome.timesOut()) {
            stats.timeout();
            delay += outcome.timeoutDelayMs();
        }
        ChatCompletion completion = completion(simulator.seed(), model, input, answer, cached);
        LOG.debugf("chat.completion model=%s kind=%s examples=%d prompt_tokens=%d completion_tokens=%d "
                + "finish_reason=%s delay_ms=%d", model, answer.kind().label(), answer.examples(),
                answer.promptTokens(), answer.completionTokens(), answer.finishReason(), delay);
        Response.ResponseBuilder builder = Response.ok(completion).header("openai-processing-ms", delay);
        decision.headers().forEach(builder::header);
        return new Reply(builder.build(), delay);
    }

    /** The {@code chat.completion} of an answer; the Batch API writes the same object in its output lines. */
    static ChatCompletion completion(long seed, String model, ChatInput input, SimulatedAnswer answer, int cached) {
        return new ChatCompletion(RequestRandom.completionId(seed, input.messages(), input.temperature()),
                ChatCompletion.OBJECT, Instant.now().getEpochSecond(), model,
                List.of(new ChatCompletion.Choice(0, new ChatCompletion.AssistantMessage("assistant",
                        answer.content(), null), null, answer.finishReason())),
                new ChatCompletion.Usage(answer.promptTokens(), answer.completionTokens(), answer.totalTokens(),
                        new ChatCompletion.PromptTokensDetails(cached), new ChatCompletion.CompletionTokensDetails(0)),
                "fp_seedforge_sim");
    }

    /** Why a request cannot be answered (OpenAI's 400 message and the field), or null when it can. */
    static String[] invalid(ChatCompletionRequest request) {
        if (request == null || request.messages() == null || request.messages().isEmpty()) {
            return new String[] { "'messages' must hold at least one message", "messages" };
        }
        if (Boolean.TRUE.equals(request.stream())) {
            return new String[] { "the teacher simulator does not stream; send stream=false", "stream" };
        }
        return null;
    }

    private Response rateLimited(RateLimiter.RateLimitDecision decision) {
        stats.rateLimited();
        Response.ResponseBuilder builder = Response.status(429).entity(new OpenAiError(new OpenAiError.Detail(
                decision.message(), decision.limitType(), null, "rate_limit_exceeded")));
        decision.headers().forEach(builder::header);
        return builder.build();
    }

    static String apiKey(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value;
    }

    private record Reply(Response response, long delayMs) {
    }

    @GET
    @Path("/models")
    public ModelList models() {
        return new ModelList("list", MODELS.stream().map(ChatCompletionsResource::modelEntry).toList());
    }

    @GET
    @Path("/models/{id}")
    public Response model(@PathParam("id") String id) {
        Optional<String> known = MODELS.stream().filter(id::equals).findFirst();
        return known.map(m -> Response.ok(modelEntry(m)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(new OpenAiError(new OpenAiError.Detail("The model '" + id + "' does not exist",
                                "invalid_request_error", "model", "model_not_found")))
                        .build());
    }

    private Response faultResponse(SimulatedFault fault, Map<String, String> rateLimitHeaders) {
        LOG.debugf("chat.completion fault status=%d type=%s", fault.status(), fault.type());
        Response.ResponseBuilder builder = Response.status(fault.status())
                .entity(new OpenAiError(new OpenAiError.Detail(fault.message(), fault.type(), null, fault.code())));
        rateLimitHeaders.forEach(builder::header);
        fault.headers().forEach(builder::header);
        return builder.build();
    }

    private static ModelList.Model modelEntry(String id) {
        return new ModelList.Model(id, "model", MODELS_CREATED, "seedforge");
    }

    private static Response badRequest(String message, String param) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(OpenAiError.invalidRequest(message, param))
                .build();
    }
}
