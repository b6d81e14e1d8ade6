package dev.seedforge.support.metrics;

import java.time.Duration;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.support.llm.LlmUsage;

/**
 * Metrics of every chat-model attempt (each retry counts), taken by a LangChain4j listener so that no call site has to
 * remember them: {@code seedforge_llm_calls_total{client,model,outcome}}, {@code seedforge_llm_call_seconds},
 * {@code seedforge_llm_tokens_total{client,model,kind=input|cached|output}} and
 * {@code seedforge_llm_cost_usd_total{client,model}} at the service's own prices. One recorder for every LLM call,
 * parameterised by its role: a service produces it as a bean with the client's name ({@code teacher}, {@code judge})
 * and its configured {@link PriceTable}; the usage is read by {@link LlmUsage}.
 */
public class LlmCallMetrics implements ChatModelListener {

    public static final String CALLS = "seedforge.llm.calls";
    public static final String LATENCY = "seedforge.llm.call";
    public static final String TOKENS = "seedforge.llm.tokens";
    public static final String COST = "seedforge.llm.cost.usd";

    /** LLM calls take from a fraction of a second to minutes: a few buckets over that range, not Micrometer's 70. */
    private static final Duration[] BUCKETS = { Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120) };

    private static final String STARTED = LlmCallMetrics.class.getName() + ".started";

    private final MeterRegistry registry;
    private final String client;
    private final Function<String, PriceTable> prices;

    public LlmCallMetrics(MeterRegistry registry, String client, PriceTable prices) {
        this(registry, client, model -> prices);
    }

    /** Prices each call at its model's prices ({@code PricesConfig.table(model)}): a stage may call several providers. */
    public LlmCallMetrics(MeterRegistry registry, String client, Function<String, PriceTable> prices) {
        this.registry = registry;
        this.client = client;
        this.prices = prices;
    }

    public String client() {
        return client;
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        context.attributes().put(STARTED, System.nanoTime());
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        String model = model(context.chatResponse().modelName(), context.chatRequest().modelName());
        record(context.attributes().get(STARTED), model, "success");
        TokenUsage reported = context.chatResponse().tokenUsage();
        if (reported == null) {
            return;
        }
        LlmUsage usage = LlmUsage.of(reported);
        tokens(model, "input", usage.inputTokens());
        tokens(model, "cached", usage.cachedInputTokens());
        tokens(model, "output", usage.outputTokens());
        Counter.builder(COST).description("what the calls cost, at the configured prices").baseUnit("usd")
                .tag("client", client).tag("model", model).register(registry).increment(usage.cost(prices.apply(model)));
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        record(context.attributes().get(STARTED), model(null, context.chatRequest().modelName()), "failure");
    }

    private void record(Object started, String model, String outcome) {
        Counter.builder(CALLS).description("chat-model calls, each attempt").tag("client", client).tag("model", model)
                .tag("outcome", outcome).register(registry).increment();
        if (started instanceof Long nanos) {
            Timer.builder(LATENCY).description("chat-model call latency").tag("client", client).tag("model", model)
                    .tag("outcome", outcome).serviceLevelObjectives(BUCKETS).register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - nanos));
        }
    }

    private void tokens(String model, String kind, long count) {
        Counter.builder(TOKENS).description("tokens of chat-model calls").tag("client", client).tag("model", model)
                .tag("kind", kind).register(registry).increment(count);
    }

    private static String model(String answered, String requested) {
        return answered != null ? answered : requested != null ? requested : "unknown";
    }
}
