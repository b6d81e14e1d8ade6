package dev.seedforge.generator.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CandidateHeaders;
import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Topics;

/**
 * Sends candidates keyed by candidate id, so that one job's candidates spread over the partitions of
 * {@code candidates} and the validator instances (checks and judging need no job affinity), and job events and
 * accepted jobs' specs keyed by job id; each send completes only once the broker has the record.
 */
@ApplicationScoped
public class PipelinePublisher {

    /** The generator also consumes {@code job-events}, so its outgoing channel needs a name of its own. */
    public static final String JOB_EVENTS_OUT = Topics.JOB_EVENTS + "-out";
    public static final String SOURCE = "generator";
    /** The outgoing channel of {@code job-specs}, named apart from the stages' incoming one (service-support). */
    public static final String JOB_SPECS_OUT = Topics.JOB_SPECS + "-out";

    /** Never changed once built, so every marked record can carry the same one. */
    private static final RecordHeader NOTHING_FOLLOWS = new RecordHeader(CandidateHeaders.NOTHING_FOLLOWS,
            CandidateHeaders.TRUE.getBytes(StandardCharsets.UTF_8));

    private final MutinyEmitter<Candidate> candidates;
    private final MutinyEmitter<JobEvent> jobEvents;
    private final MutinyEmitter<AcceptedJob> jobSpecs;

    public PipelinePublisher(@Channel(Topics.CANDIDATES) MutinyEmitter<Candidate> candidates,
            @Channel(JOB_EVENTS_OUT) MutinyEmitter<JobEvent> jobEvents,
            @Channel(JOB_SPECS_OUT) MutinyEmitter<AcceptedJob> jobSpecs) {
        this.candidates = candidates;
        this.jobEvents = jobEvents;
        this.jobSpecs = jobSpecs;
    }

    /** The job's spec, plan and owner for every stage; sending it again is harmless (compacted, same content). */
    public Uni<Void> jobSpec(AcceptedJob job) {
        return jobSpecs.sendMessage(keyed(job.jobId(), job));
    }

    /** Keyed by candidate id: the validator re-keys its verdicts by job id for the stages that keep per-job state. */
    public Uni<Void> candidate(Candidate candidate) {
        return candidate(candidate, false);
    }

    /**
     * As {@link #candidate(Candidate)}; {@code nothingFollows} marks it with {@link CandidateHeaders#NOTHING_FOLLOWS}
     * (no other teacher call of its job was out when it was booked).
     */
    public Uni<Void> candidate(Candidate candidate, boolean nothingFollows) {
        return candidates.sendMessage(nothingFollows ? keyed(candidate.candidateId(), candidate, NOTHING_FOLLOWS)
                : keyed(candidate.candidateId(), candidate));
    }

    public Uni<Void> jobEvent(String jobId, JobStatus status, String reason, Long candidatesEmitted) {
        return jobEvents.sendMessage(keyed(jobId, JobEvent.of(jobId, status, reason, candidatesEmitted, SOURCE)));
    }

    private static <T> Message<T> keyed(String key, T payload, RecordHeader... headers) {
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(key).addHeaders(headers).build());
    }
}
