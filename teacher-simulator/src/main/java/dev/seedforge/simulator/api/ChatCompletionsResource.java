package dev.seedforge.simulator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.seedforge.simulator.config.SimulatorConfig;
import dev.seedforge.simulator.domain.ChatInput;
import dev.seedforge.simulator.domain.FaultInjector;
import dev.seedforge.simulator.domain.RequestRandom;
import dev.seedforge.simulator.domain.SimulatedAnswer;
import dev.seedforge.simulator.domain.SimulatedFault;
import dev.seedforge.simulator.domain.TeacherSimulator;

/**
 * The OpenAI-compatible surface: {@code POST /v1/chat/completions} and {@code GET /v1/models}. Answers are computed
 * on a worker thread and delayed by the configured latency without holding a thread or the event loop.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChatCompletionsResource {

    private static final Logger LOG = Logger.getLogger(ChatCompletionsResource.class);
    static final List<String> MODELS = List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1-nano", "o4-mini",
            "seedforge-teacher-simulator");
    private static final long MODELS_CREATED = 1_715_367_049L;

    private final TeacherSimulator simulator;
    private final FaultInjector faults;
    private final SimulatorConfig config;

    public ChatCompletionsResource(TeacherSimulator simulator, FaultInjector faults, SimulatorConfig config) {
        this.simulator = simulator;
        this.faults = faults;
        this.config = config;
    }

    @POST
    @Path("/chat/completions")
    public Uni<Response> complete(ChatCompletionRequest request) {
        if (request == null || request.messages() == null || request.messages().isEmpty()) {
            return Uni.createFrom().item(badRequest("'messages' must hold at least one message", "messages"));
        }
        if (Boolean.TRUE.equals(request.stream())) {
            return Uni.createFrom().item(badRequest("the teacher simulator does not stream; send stream=false",
                    "stream"));
        }
        ChatInput input = request.toInput();
        Uni<Response> answer = Uni.createFrom()
                .item(() -> faults.check(input).map(this::faultResponse).orElseGet(() -> completion(input)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Duration delay = latency();
        return delay.isZero() ? answer : answer.onItem().delayIt().by(delay);
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

    private Response completion(ChatInput input) {
        SimulatedAnswer answer = simulator.answer(input);
        String model = input.model() == null ? MODELS.get(0) : input.model();
        ChatCompletion completion = new ChatCompletion(
                RequestRandom.completionId(simulator.seed(), input.messages(), input.temperature()),
                ChatCompletion.OBJECT, Instant.now().getEpochSecond(), model,
                List.of(new ChatCompletion.Choice(0, new ChatCompletion.AssistantMessage("assistant",
                        answer.content(), null), null, answer.finishReason())),
                new ChatCompletion.Usage(answer.promptTokens(), answer.completionTokens(), answer.totalTokens(),
                        new ChatCompletion.PromptTokensDetails(0), new ChatCompletion.CompletionTokensDetails(0)),
                "fp_seedforge_sim");
        LOG.infof("chat.completion model=%s kind=%s examples=%d prompt_tokens=%d completion_tokens=%d "
                + "finish_reason=%s", model, answer.kind().label(), answer.examples(), answer.promptTokens(),
                answer.completionTokens(), answer.finishReason());
        return Response.ok(completion).build();
    }

    private Response faultResponse(SimulatedFault fault) {
        LOG.infof("chat.completion fault status=%d type=%s", fault.status(), fault.type());
        Response.ResponseBuilder builder = Response.status(fault.status())
                .entity(new OpenAiError(new OpenAiError.Detail(fault.message(), fault.type(), null, fault.code())));
        fault.headers().forEach(builder::header);
        return builder.build();
    }

    private Duration latency() {
        long millis = Math.max(0, config.latencyMs());
        if (config.latencyJitterMs() > 0) {
            millis += ThreadLocalRandom.current().nextLong(config.latencyJitterMs() + 1);
        }
        return Duration.ofMillis(millis);
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
