package dev.seedforge.generator.service;

import static dev.seedforge.support.reactive.Blocking.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.Approval;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.CostEstimate;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.StageCosts;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.AxisCoverage;
import dev.seedforge.generator.domain.CostEstimator;
import dev.seedforge.generator.domain.Diversity;
import dev.seedforge.generator.domain.ExportFormatCoverage;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.JobIds;
import dev.seedforge.generator.domain.LabelCoverage;
import dev.seedforge.generator.domain.NextCalls;
import dev.seedforge.generator.domain.PilotCalls;
import dev.seedforge.generator.domain.PlanBuilder;
import dev.seedforge.generator.domain.PromptBuilder;
import dev.seedforge.generator.domain.SeedRules;
import dev.seedforge.generator.domain.SpecChanges;
import dev.seedforge.generator.domain.ToolCallCoverage;
import dev.seedforge.generator.domain.ToolSchemas;
import dev.seedforge.generator.messaging.PipelinePublisher;
import dev.seedforge.generator.persistence.BatchRoundStore;
import dev.seedforge.generator.persistence.JobState;
import dev.seedforge.generator.persistence.JobStore;

/**
 * Accepts jobs from REST and Kafka alike: a spec is checked and planned in full before anything is stored, so a
 * refused job leaves nothing behind, and a repeated idempotency key returns the job it already made. A job waits in
 * PLANNED for approval unless its spec says {@code approval: auto}.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    public record Submission(JobView job, boolean created) {
    }

    /** The outcome of a state change asked for by a user. */
    public sealed interface Change {
        record Done(JobView job) implements Change {
        }

        record NotFound() implements Change {
        }

        record Refused(JobView job, String why) implements Change {
        }
    }

    private final JobStore store;
    private final PipelinePublisher publisher;
    private final GenerationLoop loop;
    private final TeacherCalls calls;
    private final GeneratorConfig config;
    private final BatchRounds batches;
    private final BatchRoundStore rounds;
    private final ExecutorService pilots = Executors.newVirtualThreadPerTaskExecutor();

    public JobService(JobStore store, PipelinePublisher publisher, GenerationLoop loop, TeacherCalls calls,
            GeneratorConfig config, BatchRounds batches, BatchRoundStore rounds) {
        this.store = store;
        this.rounds = rounds;
        this.batches = batches;
        this.publisher = publisher;
        this.loop = loop;
        this.calls = calls;
        this.config = config;
    }

    /** A spec as a user wrote it (YAML or JSON text). */
    public Uni<Submission> submit(String specText, String idempotencyKey) {
        return submit(specText, idempotencyKey, null);
    }

    /**
     * A spec submitted by a tenant ({@code owner}, null when the API is open). An idempotency key is the tenant's own:
     * the same key from another tenant makes another job, never returns this one.
     */
    public Uni<Submission> submit(String specText, String idempotencyKey, String owner) {
        String key = idempotencyKey == null || owner == null ? idempotencyKey : owner + "/" + idempotencyKey;
        return Uni.createFrom().item(() -> JobSpecs.parse(specText, null))
                .flatMap(spec -> create(spec, key, owner));
    }

    /** A spec already parsed as a tree, from a {@code JobRequest} on the topic. */
    public Uni<Submission> submit(JsonNode specTree, String idempotencyKey) {
        return Uni.createFrom().item(() -> JobSpecs.fromTree(specTree, null))
                .flatMap(spec -> create(spec, idempotencyKey, null));
    }

    /**
     * The plan of a spec: its cells and quotas, one real prompt, the cost estimate, and the seeds that break the job's
     * rules (warned about and set aside).
     */
    public Plan plan(JobSpec spec) {
        List<PlanCell> cells = PlanBuilder.cells(spec);
        SeedRules.Outcome seeds = SeedRules.check(spec);
        GenerationPrompt example = PromptBuilder.build(spec, cells.get(0), 1,
                Math.min(spec.examplesPerCall(), cells.get(0).quota()), null, Diversity.NONE,
                Set.copyOf(seeds.setAside()));
        CostEstimate estimate = CostEstimator.estimate(spec, cells,
                config.prices().table(spec.teacherModel(), spec.teacherBatch()),
                config.prices().table(spec.judgeModel(), spec.judgeBatch()), config.estimate().rates(),
                CostEstimator.Calibration.NONE);
        return new Plan(cells, List.of(ChatTurn.of(ChatTurn.SYSTEM, example.system()),
                ChatTurn.of(ChatTurn.USER, example.user())), estimate, warnings(spec, seeds, estimate),
                seeds.setAside());
    }

    /**
     * What the plan warns of: seeds that break the job's rules, labels of the reply schema no seed gives, an export
     * format that cannot hold the job's tool calls, tools no seed calls, axis values the plan gives no example, a candidate cap
     * below what
     * the target needs, and an estimate above the budget.
     */
    private static List<FieldError> warnings(JobSpec spec, SeedRules.Outcome seeds, CostEstimate estimate) {
        List<FieldError> warnings = new ArrayList<>(seeds.warnings());
        warnings.addAll(LabelCoverage.check(spec));
        warnings.addAll(ExportFormatCoverage.check(spec));
        warnings.addAll(ToolCallCoverage.check(spec));
        warnings.addAll(AxisCoverage.check(spec, PlanBuilder.cells(spec)));
        FieldError cap = CostEstimator.candidateCapWarning(spec, estimate);
        if (cap != null) {
            warnings.add(cap);
        }
        FieldError budget = CostEstimator.budgetWarning(spec, estimate);
        if (budget != null) {
            warnings.add(budget);
        }
        return warnings;
    }

    private Uni<Submission> create(JobSpec spec, String idempotencyKey, String owner) {
        List<FieldError> toolProblems = ToolSchemas.problems(spec);
        if (!toolProblems.isEmpty()) {
            return Uni.createFrom().failure(new InvalidJobSpecException(toolProblems));
        }
        String jobId = idempotencyKey == null ? JobIds.random() : JobIds.forKey(idempotencyKey);
        String key = idempotencyKey == null ? jobId : idempotencyKey;
        return Uni.createFrom().item(() -> plan(spec))
                .flatMap(prior -> store.createOrFind(jobId, key, spec, prior, owner).flatMap(created -> {
                    if (!created.created()) {
                        return Uni.createFrom().item(new Submission(view(created.job()), false));
                    }
                    return measured(created.job(), prior).flatMap(plan -> announce(jobId, spec, plan, owner));
                }));
    }

    /**
     * The plan with its estimate measured by a pilot call when one is wanted ({@code generator.estimate.pilot} and a
     * job that waits for approval); the priors' estimate when the pilot is off or fails.
     */
    private Uni<Plan> measured(JobState job, Plan prior) {
        if (!config.estimate().pilot() || job.spec().approval() == Approval.AUTO) {
            return Uni.createFrom().item(prior);
        }
        // the call blocks, so it runs on its own thread; what follows goes back to the caller's Vert.x context,
        // where reactive persistence must run
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
            java.util.concurrent.Executor back = caller == null ? Runnable::run
                    : command -> caller.runOnContext(ignored -> command.run());
            return pilot(job, prior).emitOn(back);
        });
    }

    private Uni<Plan> pilot(JobState job, Plan prior) {
        return Uni.createFrom().item(() -> {
            List<NextCalls.Call> pilotCalls = PilotCalls.choose(prior.cells(), job.spec().examplesPerCall());
            java.util.concurrent.Future<List<TeacherCalls.Measured>> made = pilots.submit(() -> calls.pilot(job,
                    pilotCalls));
            Duration limit = config.estimate().pilotTimeout();
            CostEstimator.Calibration calibration;
            try {
                List<TeacherCalls.Measured> measured = made.get(limit.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
                calibration = CostEstimator.Calibration.fromPilots(measured.stream()
                        .map(m -> new CostEstimator.Calibration.Pilot(m.cell().complexity(),
                                PromptBuilder.turns(job.spec(), m.cell(), m.prompt().callSequence()), m.prompt(),
                                m.inputTokens(),
                                m.outputTokens(), m.examples()))
                        .toList(), CostEstimator.seedTokensPerTurn(job.spec().seeds(), job.spec().format()),
                        CostEstimator.extraTokensPerExample(job.spec()));
            } catch (java.util.concurrent.TimeoutException slow) {
                // a slow or retrying provider must not hold the submission: the calls go on and stay the job's first
                calibration = new CostEstimator.Calibration(1, 1, (pilotCalls.size() == 1 ? "pilot call" : "pilot calls")
                        + " not answered within " + limit.toSeconds() + " s: seed lengths as they are");
            } catch (java.util.concurrent.ExecutionException failed) {
                throw new IllegalStateException(failed.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the pilot calls", e);
            }
            CostEstimate estimate = CostEstimator.estimate(job.spec(), prior.cells(),
                    config.prices().table(job.spec().teacherModel(), job.spec().teacherBatch()),
                    config.prices().table(job.spec().judgeModel(), job.spec().judgeBatch()),
                    config.estimate().rates(), calibration);
            Plan plan = prior.withEstimate(estimate).withWarnings(
                    warnings(job.spec(), SeedRules.check(job.spec()), estimate), prior.seedsSetAside());
            await(() -> store.updatePlan(job.id(), plan));
            return plan;
        }).runSubscriptionOn(pilots).onFailure().recoverWithItem(e -> {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.warnf("Job %s: the pilot calls failed (%s); the plan keeps the estimate from priors", job.id(),
                    dev.seedforge.support.secrets.Secrets.redact(String.valueOf(cause.getMessage())));
            return prior;
        });
    }

    private Uni<Submission> announce(String jobId, JobSpec spec, Plan plan, String owner) {
        return store.state(jobId).flatMap(job -> {
            Submission submission = new Submission(view(job), true);
            String summary = String.format(Locale.ROOT, "%d cells, %d examples, estimated $%.4f",
                    plan.cells().size(), plan.totalQuota(), plan.estimate().totalUsd());
            Uni<Submission> announced = publisher.jobSpec(AcceptedJob.of(jobId, spec, plan, owner))
                    .chain(() -> publisher.jobEvent(jobId, JobStatus.PLANNED, summary, 0L))
                    .replaceWith(submission);
            if (spec.approval() != Approval.AUTO) {
                return announced;
            }
            return announced.chain(() -> approve(jobId, "approval: auto"))
                    .map(change -> change instanceof Change.Done done ? new Submission(done.job(), true)
                            : submission);
        });
    }

    public Uni<Change> approve(String jobId) {
        return approve(jobId, "approved");
    }

    private Uni<Change> approve(String jobId, String reason) {
        return store.state(jobId).flatMap(job -> {
            if (job == null) {
                return Uni.createFrom().item(new Change.NotFound());
            }
            if (job.status() != JobStatus.PLANNED) {
                return Uni.createFrom().item(new Change.Refused(view(job), "job " + jobId + " is " + job.status()
                        + ", only a PLANNED job can be approved"));
            }
            // the spec goes out (again) before the job may generate: whatever happened after its creation, no
            // candidate reaches a stage whose job-specs topic lacks its spec
            return publisher.jobSpec(AcceptedJob.of(jobId, job.spec(), job.plan(), job.owner()))
                    .chain(() -> store.transition(jobId, JobStatus.PLANNED, JobStatus.GENERATING, reason))
                    .call(() -> publisher.jobEvent(jobId, JobStatus.APPROVED, reason, 0L))
                    .call(() -> publisher.jobEvent(jobId, JobStatus.GENERATING, reason, 0L))
                    .invoke(() -> loop.trigger(jobId))
                    .map(updated -> new Change.Done(view(updated)));
        });
    }

    /**
     * Continues a PAUSED job, after applying {@code changesText} (YAML or JSON: spec fields to change, see
     * {@link SpecChanges}; blank for none). The rates that paused it are measured afresh from here.
     */
    public Uni<Change> resume(String jobId, String changesText) {
        return store.state(jobId).flatMap(job -> {
            if (job == null) {
                return Uni.createFrom().item(new Change.NotFound());
            }
            if (job.status() != JobStatus.PAUSED) {
                return Uni.createFrom().item(new Change.Refused(view(job), "job " + jobId + " is " + job.status()
                        + ", only a PAUSED job can be resumed"));
            }
            JobSpec changed = SpecChanges.apply(job.spec(), changes(changesText));
            String reason = changed.equals(job.spec()) ? "resumed without changes" : "resumed with a changed spec";
            // the seeds the teacher is shown follow the changed seeds and rules
            SeedRules.Outcome seeds = SeedRules.check(changed);
            Plan plan = job.plan().withWarnings(warnings(changed, seeds, job.plan().estimate()), seeds.setAside());
            // the changed spec reaches the other stages (thresholds, rules) before the job generates again
            return store.resume(jobId, changed, plan, reason)
                    .call(updated -> updated == null ? Uni.createFrom().voidItem()
                            : publisher.jobSpec(AcceptedJob.of(jobId, changed, plan, job.owner())))
                    .call(updated -> updated == null ? Uni.createFrom().voidItem()
                            : publisher.jobEvent(jobId, JobStatus.GENERATING, reason, updated.candidatesEmitted()))
                    .invoke(() -> loop.trigger(jobId))
                    .flatMap(updated -> updated == null ? store.state(jobId).map(now -> (Change) new Change.Refused(
                            view(now), "job " + jobId + " is no longer PAUSED"))
                            : Uni.createFrom().item(new Change.Done(view(updated))));
        });
    }

    private static JsonNode changes(String text) {
        return text == null || text.isBlank() ? null : JobSpecs.readTree(text, "changes");
    }

    /** Stops a job that has not finished; the exporter then publishes its terminal dataset event. */
    public Uni<Change> cancel(String jobId) {
        return store.state(jobId).flatMap(job -> {
            if (job == null) {
                return Uni.createFrom().item(new Change.NotFound());
            }
            if (job.status().terminal() || job.status() == JobStatus.FINALIZING) {
                return Uni.createFrom().item(new Change.Refused(view(job), "job " + jobId + " is already "
                        + job.status()));
            }
            return store.transition(jobId, job.status(), JobStatus.CANCELLED, "cancelled by the user")
                    .call(updated -> publisher.jobEvent(jobId, JobStatus.CANCELLED, "cancelled by the user",
                            updated.candidatesEmitted()))
                    .invoke(updated -> batches.sweepSoon())
                    .map(updated -> new Change.Done(view(updated)));
        });
    }

    public Uni<JobView> find(String jobId) {
        return store.state(jobId).map(job -> job == null ? null : view(job));
    }

    public Uni<List<BatchRoundStore.Round>> batchRounds(String jobId) {
        return rounds.view(jobId);
    }

    public Uni<JobStore.Usage> usage(String jobId) {
        return store.usage(jobId);
    }

    public Uni<List<JobView>> list() {
        return store.all().map(jobs -> jobs.stream().map(JobService::view).toList());
    }

    /**
     * Keeps the exporter's counts; answers whether the job is one of this generator's. A job reopened to replace
     * examples reviewers rejected announces GENERATING (with what it generates for) on {@code job-events}.
     */
    public Uni<Boolean> recordProgress(JobProgress progress) {
        return store.recordProgress(progress).call(recorded -> recorded != JobStore.Recorded.REOPENED
                ? Uni.createFrom().voidItem()
                : store.state(progress.jobId()).call(job -> publisher.jobEvent(job.id(), JobStatus.GENERATING,
                        job.reason(), job.candidatesEmitted()))
                        .invoke(job -> LOG.infof("Job %s generates again: %s", job.id(), job.reason())))
                .map(recorded -> recorded != JobStore.Recorded.UNKNOWN);
    }

    public Uni<Void> recordEnd(String jobId, JobStatus status, String reason) {
        return store.setStatus(jobId, status, reason);
    }

    static JobView view(JobState job) {
        return new JobView(job.id(), job.status(), job.reason(), job.spec(), job.plan(), job.candidatesEmitted(),
                job.progress(), job.createdAt(), job.updatedAt(), costs(job), job.owner());
    }

    /**
     * The job's cost so far by stage, each from the service that pays it: the teacher's from this generator's call
     * log (it makes the calls, so it alone counts those that yielded no candidate and those whose candidates are still
     * in flight; the exporter's figure is the share of the candidates it holds an outcome for), the judge's from the
     * exporter's latest progress (only the validator's verdicts carry it; 0 before the first).
     */
    static StageCosts costs(JobState job) {
        JobProgress progress = job.progress();
        double judge = progress == null || progress.cost() == null ? 0 : progress.cost().judgeUsd();
        return StageCosts.of(job.generationCostUsd(), judge, progress == null ? 0 : progress.accepted());
    }
}
