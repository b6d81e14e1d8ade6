package dev.seedforge.generator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;

import dev.seedforge.contracts.Hashing;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.domain.JobIds;
import dev.seedforge.generator.service.JobService;
import dev.seedforge.support.messaging.ConsumerGuard;

/**
 * Accepts jobs published on {@code generation-requests}. The payload is read as text, so that a request that is not
 * even JSON still gets a FAILED job event naming the problem, like a bad spec does; such an unreadable record (not
 * JSON, another schema version) is also dead-lettered, while a readable request with a bad spec is only refused.
 */
@ApplicationScoped
public class GenerationRequestConsumer {

    private static final Logger LOG = Logger.getLogger(GenerationRequestConsumer.class);

    private final JobService jobs;
    private final PipelinePublisher publisher;

    public GenerationRequestConsumer(JobService jobs, PipelinePublisher publisher) {
        this.jobs = jobs;
        this.publisher = publisher;
    }

    /** A failure of the database, broker or a service is retried in place; only an unreadable record is dead-lettered. */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.GENERATION_REQUESTS)
    public Uni<Void> onRequest(Record<String, String> record) {
        String payload = record.value();
        String fallbackKey = record.key() != null ? record.key() : Hashing.sha256(String.valueOf(payload));
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(payload == null ? "" : payload);
            if (request == null || !request.isObject()) {
                throw new IllegalArgumentException("a job request must be a JSON object");
            }
            SchemaVersions.requireSupported(request.path("schemaVersion").asInt(SchemaVersions.CURRENT),
                    "job request");
        } catch (Exception e) {
            String reason = "job request is not readable: " + e.getMessage();
            // the sender learns it from job-events; the record itself goes to generation-requests-dlq for operators
            return refuse(JobIds.forKey(fallbackKey), reason)
                    .chain(() -> Uni.createFrom().failure(new IllegalArgumentException(reason, e)));
        }
        String key = request.hasNonNull("idempotencyKey") ? request.get("idempotencyKey").asText() : fallbackKey;
        return jobs.submit(request.get("spec"), key)
                .replaceWithVoid()
                .onFailure(InvalidJobSpecException.class)
                .recoverWithUni(e -> refuse(JobIds.forKey(key), e.getMessage()));
    }

    private Uni<Void> refuse(String jobId, String reason) {
        LOG.warnf("Refused job request %s: %s", jobId, reason);
        return publisher.jobEvent(jobId, JobStatus.FAILED, reason, 0L);
    }
}
