package dev.seedforge.dedup.service;

import static dev.seedforge.support.reactive.Blocking.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.runtime.StartupEvent;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DedupSpec;
import dev.seedforge.contracts.Hashing;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ReferenceSet;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.dedup.config.DedupConfig;
import dev.seedforge.dedup.domain.DedupEngine;
import dev.seedforge.dedup.domain.DetectorChain;
import dev.seedforge.dedup.domain.EmbeddingLookahead;
import dev.seedforge.dedup.domain.ExactDuplicateDetector;
import dev.seedforge.dedup.domain.IdleJobs;
import dev.seedforge.dedup.domain.JobPolicy;
import dev.seedforge.dedup.domain.Origins;
import dev.seedforge.dedup.persistence.FingerprintEntity;
import dev.seedforge.dedup.persistence.SeededJobEntity;
import dev.seedforge.support.specs.KnownJobs;

/**
 * Decides whether a validated candidate is unique within its job; runs on a worker thread (embedding is CPU work).
 * <p>
 * A job's in-memory indexes are built the first time this process meets the job, and again after every partition
 * rebalance: from PostgreSQL when the job is known there, else from its spec on {@code job-specs} (seeds and reference
 * sets; waited for when it has not arrived yet), which is stored first. A candidate's decision and fingerprints are
 * stored before memory learns them, so memory never holds what the database lacks.
 * <p>
 * A resume may change a job's thresholds: the generator publishes the changed spec on {@code job-specs}, and the job's
 * next batch is decided with the new ones (stored first); its seeds replace the indexed ones before that batch. Reference
 * sets and {@code compare} cannot change on a resume (the generator refuses it).
 */
@ApplicationScoped
public class DedupService {

    private static final Logger LOG = Logger.getLogger(DedupService.class);

    private final DecisionStore store;
    private final KnownJobs known;
    private final DedupConfig config;
    private final DedupEngine engine;
    private final DetectorChain chain;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Long> loaded = new ConcurrentHashMap<>();
    private final Map<String, ComparedText> compared = new ConcurrentHashMap<>();
    /** The thresholds each job in memory is decided with, as its spec gives them (null: the service's default). */
    private final Map<String, Thresholds> thresholds = new ConcurrentHashMap<>();
    /** Per job in memory, the hash of the seeds its index holds ({@link #seedsSha256}; null: not known). */
    private final Map<String, String> indexedSeeds = new ConcurrentHashMap<>();
    /** Per job, the spec on {@code job-specs} whose seeds were last compared with the index (the same until a newer). */
    private final Map<String, AcceptedJob> seedsComparedIn = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final IdleJobs idle = new IdleJobs();
    /** Looks for jobs whose indexes have gone unused, once a minute. */
    private final ScheduledExecutorService evictions = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dedup-index-eviction");
        thread.setDaemon(true);
        return thread;
    });

    public DedupService(DecisionStore store, KnownJobs known, DedupConfig config, DedupEngine engine) {
        this.store = store;
        this.known = known;
        this.config = config;
        this.engine = engine;
        this.chain = engine.chain();
    }

    public DedupDecision decisionFor(ValidatedCandidate validated) {
        Candidate candidate = validated.candidate();
        if (!validated.verdict().accepted()) {
            return await(() -> store.notChecked(candidate));
        }
        DedupDecision stored = await(() -> store.stored(candidate.candidateId()));
        if (stored != null) {
            return stored;
        }
        synchronized (locks.computeIfAbsent(candidate.jobId(), id -> new Object())) {
            ComparedText compare = ensureLoaded(candidate.jobId());
            String text = compare.of(candidate.conversation());
            DetectorChain.Evaluation evaluation = chain.evaluate(candidate.jobId(), candidate.candidateId(), text)
                    .await().indefinitely();
            DecisionStore.Recorded recorded = await(() -> store.record(candidate, evaluation));
            if (recorded.stored() && recorded.decision().status() == DedupDecision.Status.UNIQUE) {
                chain.restore(candidate.jobId(), candidate.candidateId(), evaluation.fingerprints());
            }
            return recorded.decision();
        }
    }

    /**
     * The decisions on a batch of records, in their order, as deciding them one after another would give: a job's
     * candidates are compared with each other's in the batch too. A job's texts are embedded a chunk ahead of their
     * evaluation (the model on its threads while this one searches the indexes), and its new decisions are stored in
     * one transaction; memory learns each unique candidate as it is decided, so if deciding or the transaction fails
     * (or finds decisions another instance stored first) the job's memory is rebuilt from the
     * database before it is used again. A candidate decided before, or twice in the batch, gets its one decision.
     */
    public List<DedupDecision> decisionsFor(List<ValidatedCandidate> batch) {
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(validated -> ids.add(validated.candidate().candidateId()));
        Map<String, DedupDecision> decided = new HashMap<>(await(() -> store.storedAll(ids)));
        Map<String, List<ValidatedCandidate>> undecided = new LinkedHashMap<>();
        Set<String> pending = new HashSet<>();
        for (ValidatedCandidate validated : batch) {
            Candidate candidate = validated.candidate();
            if (!decided.containsKey(candidate.candidateId()) && pending.add(candidate.candidateId())) {
                undecided.computeIfAbsent(candidate.jobId(), id -> new ArrayList<>()).add(validated);
            }
        }
        undecided.forEach((jobId, candidates) -> decided.putAll(decideJob(jobId, candidates)));
        return batch.stream().map(validated -> decided.get(validated.candidate().candidateId())).toList();
    }

    private Map<String, DedupDecision> decideJob(String jobId, List<ValidatedCandidate> candidates) {
        synchronized (locks.computeIfAbsent(jobId, id -> new Object())) {
            List<DecisionStore.Fresh> fresh = new ArrayList<>();
            List<ValidatedCandidate> accepted = candidates.stream().filter(v -> v.verdict().accepted()).toList();
            ComparedText compare = accepted.isEmpty() ? null : ensureLoaded(jobId);
            List<String> texts = compare == null ? List.of()
                    : accepted.stream().map(v -> compare.of(v.candidate().conversation())).toList();
            boolean learned = false;
            Map<String, DecisionStore.Recorded> recorded;
            try (EmbeddingLookahead embedded = engine.prepareAhead(texts)) {
                int next = 0;
                for (ValidatedCandidate validated : candidates) {
                    Candidate candidate = validated.candidate();
                    if (!validated.verdict().accepted()) {
                        fresh.add(new DecisionStore.Fresh(candidate, DedupDecision.notChecked(), Map.of()));
                        continue;
                    }
                    embedded.await(next);
                    DetectorChain.Evaluation evaluation = chain.evaluate(jobId, candidate.candidateId(),
                            texts.get(next++)).await().indefinitely();
                    if (evaluation.decision().status() == DedupDecision.Status.UNIQUE) {
                        chain.restore(jobId, candidate.candidateId(), evaluation.fingerprints());
                        learned = true;
                    }
                    fresh.add(new DecisionStore.Fresh(candidate, evaluation.decision(), evaluation.fingerprints()));
                }
                if (embedded.late() > 0) {
                    LOG.warnf("job %s: %d chunk(s) of texts embedded ahead were not ready in time; their texts were"
                            + " embedded on demand", jobId, embedded.late());
                }
                recorded = await(() -> store.recordAll(jobId, fresh));
            } catch (RuntimeException e) {
                if (learned) {
                    loaded.remove(jobId);
                }
                throw e;
            }
            Map<String, DedupDecision> decisions = new HashMap<>();
            recorded.forEach((id, r) -> decisions.put(id, r.decision()));
            if (learned && recorded.values().stream().anyMatch(r -> !r.stored())) {
                loaded.remove(jobId);
            }
            return decisions;
        }
    }

    /** Partitions moved: every job's memory may be stale, so each is rebuilt from the database when next met. */
    public void rebalanced() {
        long now = generation.incrementAndGet();
        LOG.infof("partitions rebalanced: job indexes will be rebuilt from the database (generation %d)", now);
    }

    void startEvictions(@Observes StartupEvent started) {
        evictions.scheduleWithFixedDelay(() -> {
            try {
                evictIdle(System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.warn("dropping idle job indexes failed; tried again in a minute", e);
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stopEvictions() {
        evictions.shutdownNow();
    }

    /**
     * Drops the indexes of jobs unused for {@code dedup.index-idle-eviction} (looked for once a minute), each under
     * its job's lock, so no batch of it is being decided meanwhile. They are rebuilt from the database if the job
     * comes again. Answers how many were dropped.
     */
    int evictIdle(long now) {
        long maxIdle = config.indexIdleEviction().toMillis();
        int dropped = 0;
        for (String jobId : idle.idle(now, maxIdle)) {
            synchronized (locks.computeIfAbsent(jobId, id -> new Object())) {
                if (idle.dropIfIdle(jobId, now, maxIdle)) {
                    chain.forget(jobId);
                    chain.policies().forget(jobId);
                    loaded.remove(jobId);
                    compared.remove(jobId);
                    thresholds.remove(jobId);
                    indexedSeeds.remove(jobId);
                    seedsComparedIn.remove(jobId);
                    dropped++;
                }
            }
        }
        if (dropped > 0) {
            LOG.infof("dropped the in-memory indexes of %d jobs unused for %s; %d jobs kept", dropped,
                    config.indexIdleEviction(), idle.size());
        }
        return dropped;
    }

    private ComparedText ensureLoaded(String jobId) {
        idle.used(jobId, System.currentTimeMillis());
        Long at = loaded.get(jobId);
        if (at != null && at == generation.get()) {
            applyChangedThresholds(jobId);
            return reseeded(jobId) ? rebuild(jobId) : compared.get(jobId);
        }
        ComparedText compare = rebuild(jobId);
        return reseeded(jobId) ? rebuild(jobId) : compare;
    }

    /** Builds the job's memory from the database (indexed there first from its spec when new). */
    private ComparedText rebuild(String jobId) {
        long current = generation.get();
        DecisionStore.StoredJob job = await(() -> store.load(jobId));
        if (job.settings() == null) {
            indexFromSpec(jobId);
            job = await(() -> store.load(jobId));
        }
        SeededJobEntity settings = job.settings();
        chain.forget(jobId);
        chain.policies().set(jobId, policyOf(settings));
        for (FingerprintEntity kept : job.kept()) {
            chain.restore(jobId, kept.originId, kept.fingerprints());
        }
        ComparedText compare = ComparedText.valueOf(settings.compare.toUpperCase(Locale.ROOT));
        compared.put(jobId, compare);
        thresholds.put(jobId, new Thresholds(settings.lexicalThreshold, settings.semanticThreshold,
                settings.relatedThreshold));
        applyChangedThresholds(jobId);
        if (settings.seedsSha256 != null) {
            indexedSeeds.put(jobId, settings.seedsSha256);
        }
        seedsComparedIn.remove(jobId);
        loaded.put(jobId, current);
        LOG.debugf("job %s indexed in memory: %d kept examples", jobId, job.kept().size());
        return compare;
    }

    private void indexFromSpec(String jobId) {
        JobSpec spec = known.await(jobId).spec();
        DedupSpec dedup = spec.dedupOrDefault();
        SeededJobEntity settings = new SeededJobEntity();
        settings.jobId = jobId;
        settings.seeds = spec.seeds().size();
        settings.seedsSha256 = seedsSha256(spec.seeds());
        settings.compare = dedup.compare() == null ? config.compare().name().toLowerCase(Locale.ROOT)
                : dedup.compare().toLowerCase(Locale.ROOT);
        ComparedText compare = ComparedText.valueOf(settings.compare.toUpperCase(Locale.ROOT));
        settings.lexicalThreshold = dedup.lexicalThreshold();
        settings.semanticThreshold = dedup.semanticThreshold();
        settings.relatedThreshold = spec.export() == null ? null : spec.export().relatedThreshold();
        Set<String> decontaminate = new LinkedHashSet<>();

        List<String> origins = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < spec.seeds().size(); i++) {
            origins.add(Origins.seed(i));
            texts.add(compare.of(spec.seeds().get(i)));
        }
        for (ReferenceSet reference : dedup.references()) {
            if (ReferenceSet.DECONTAMINATE.equals(reference.purpose())) {
                decontaminate.add(reference.name());
            }
            List<Conversation> examples = reference.examples();
            for (int i = 0; i < examples.size(); i++) {
                origins.add(Origins.reference(reference.name(), i));
                texts.add(compare.of(examples.get(i)));
            }
        }
        settings.decontaminate = String.join(",", decontaminate);
        List<FingerprintEntity> kept = fingerprinted(jobId, origins, texts);
        await(() -> store.indexJob(settings, kept));
        LOG.infof("job %s: %d seeds and %d reference examples indexed", jobId, spec.seeds().size(),
                texts.size() - spec.seeds().size());
    }

    /** A job's thresholds as its spec sets them; null where the spec leaves the service's default. */
    private record Thresholds(Double lexical, Double semantic, Double related) {

        static Thresholds of(JobSpec spec) {
            DedupSpec dedup = spec.dedupOrDefault();
            return new Thresholds(dedup.lexicalThreshold(), dedup.semanticThreshold(),
                    spec.export() == null ? null : spec.export().relatedThreshold());
        }
    }

    /**
     * Takes the thresholds of the job's latest spec on {@code job-specs} when they differ from those it is decided
     * with (a resume changed them): stored, then used for its next candidates. Decisions already made stay.
     */
    private void applyChangedThresholds(String jobId) {
        Thresholds current = thresholds.get(jobId);
        Thresholds wanted = known.find(jobId).map(job -> Thresholds.of(job.spec())).orElse(current);
        if (wanted == null || wanted.equals(current)) {
            return;
        }
        await(() -> store.updateThresholds(jobId, wanted.lexical(), wanted.semantic(), wanted.related()));
        JobPolicy defaults = chain.policies().defaults();
        JobPolicy policy = chain.policies().of(jobId);
        chain.policies().set(jobId, new JobPolicy(
                wanted.lexical() != null ? wanted.lexical() : defaults.lexicalThreshold(),
                wanted.semantic() != null ? wanted.semantic() : defaults.semanticThreshold(),
                wanted.related() != null ? wanted.related() : defaults.relatedThreshold(),
                policy.maxRelated(), policy.decontaminationSets()));
        thresholds.put(jobId, wanted);
        LOG.infof("job %s: dedup thresholds changed by its spec to lexical %s, semantic %s, related %s", jobId,
                wanted.lexical(), wanted.semantic(), wanted.related());
    }

    /**
     * Makes the job's stored seeds those of its latest spec on {@code job-specs} when they differ from the indexed ones
     * (a resume added, replaced, dropped or reordered them), and answers whether it did: its memory is then rebuilt
     * from the database, so that {@code seed:N} names the Nth seed of the latest spec, as the exporter's check does.
     */
    private boolean reseeded(String jobId) {
        AcceptedJob latest = known.find(jobId).orElse(null);
        if (latest == null || latest == seedsComparedIn.get(jobId)) {
            return false;
        }
        List<Conversation> seeds = latest.spec().seeds();
        String sha256 = seedsSha256(seeds);
        if (sha256.equals(indexedSeeds.get(jobId))) {
            seedsComparedIn.put(jobId, latest);
            return false;
        }
        ComparedText compare = compared.get(jobId);
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            origins.add(Origins.seed(i));
        }
        List<FingerprintEntity> rows = fingerprinted(jobId, origins, seeds.stream().map(compare::of).toList());
        DecisionStore.Reseeded changed = await(() -> store.reseed(jobId, rows, seeds.size(), sha256));
        LOG.infof("job %s: its index now holds the %d seeds of its latest spec (%d added, %d renumbered, %d"
                + " dropped)", jobId, seeds.size(), changed.added(), changed.renumbered(), changed.dropped());
        return true;
    }

    /**
     * The rows that keep these texts, embedded in one call; equal texts collapse to the first, as the exact index keeps one
     * origin per fingerprint.
     */
    private List<FingerprintEntity> fingerprinted(String jobId, List<String> origins, List<String> texts) {
        engine.prepare(texts);
        List<FingerprintEntity> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            Map<String, byte[]> fingerprints = chain.fingerprints(texts.get(i));
            if (seen.add(new String(fingerprints.get(ExactDuplicateDetector.NAME)))) {
                rows.add(FingerprintEntity.of(jobId, origins.get(i), fingerprints));
            }
        }
        return rows;
    }

    /** What tells one list of seeds from another: SHA-256 of their JSON. */
    static String seedsSha256(List<Conversation> seeds) {
        try {
            return Hashing.sha256(Json.MAPPER.writeValueAsBytes(seeds));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the seeds", e);
        }
    }

    private JobPolicy policyOf(SeededJobEntity settings) {
        JobPolicy defaults = chain.policies().defaults();
        Set<String> decontaminate = settings.decontaminate == null || settings.decontaminate.isBlank() ? Set.of()
                : Set.of(settings.decontaminate.split(","));
        return new JobPolicy(
                settings.lexicalThreshold != null ? settings.lexicalThreshold : defaults.lexicalThreshold(),
                settings.semanticThreshold != null ? settings.semanticThreshold : defaults.semanticThreshold(),
                settings.relatedThreshold != null ? settings.relatedThreshold : defaults.relatedThreshold(),
                defaults.maxRelated(), decontaminate);
    }
}
