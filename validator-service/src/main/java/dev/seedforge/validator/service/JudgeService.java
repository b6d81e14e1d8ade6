package dev.seedforge.validator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.support.llm.PricesConfig;
import dev.seedforge.validator.config.ValidatorConfig;
import dev.seedforge.validator.judge.JudgeBatcher;
import dev.seedforge.validator.judge.JudgePrompt;
import dev.seedforge.validator.judge.JudgeRuling;
import dev.seedforge.validator.judge.JudgeScores;
import dev.seedforge.validator.llm.JudgeClient;

/** Judges candidates that passed the cheap checks, several of one job per call, and prices each verdict. */
@ApplicationScoped
public class JudgeService {

    private final JudgeClient client;
    private final PricesConfig prices;
    private final ScheduledExecutorService timer;
    private final ExecutorService calls;
    private final JudgeBatcher batcher;

    public JudgeService(JudgeClient client, ValidatorConfig config) {
        this.client = client;
        this.prices = config.judge().prices();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("judge-linger")
                .factory());
        this.calls = Executors.newFixedThreadPool(config.judge().callThreads(),
                Thread.ofPlatform().daemon().name("judge-call-", 0).factory());
        this.batcher = new JudgeBatcher(this::judgeBatch, config.judge().linger(),
                config.judge().onUnavailable() == ValidatorConfig.OnUnavailable.RETRY, timer, calls);
    }

    public CompletableFuture<Verdict> judge(JobSpec spec, Candidate candidate) {
        return batcher.submit(spec, candidate);
    }

    /** Sends the job's partial batch, if one waits for its linger, to the judge now. */
    public void judgeWaitingNow(String jobId) {
        batcher.flush(jobId);
    }

    List<Verdict> judgeBatch(JobSpec spec, List<Candidate> batch) {
        JudgePrompt prompt = JudgePrompt.of(spec, batch);
        JudgeClient.JudgeAnswer answer = client.judge(spec.judgeLlm(), prompt);
        double each = answer.usage().cost(prices.table(spec.judgeModel())) / batch.size();
        int minScore = spec.judge().minScore();
        List<Verdict> verdicts = new ArrayList<>();
        for (JudgeScores.Score score : answer.scores().scores()) {
            verdicts.add(JudgeRuling.verdict(score, minScore, each));
        }
        return verdicts;
    }

    @PreDestroy
    void stop() {
        batcher.close();
        timer.shutdown();
        calls.shutdown();
    }
}
