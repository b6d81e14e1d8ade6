package dev.seedforge.exporter.hub;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.exporter.config.HubConfig;
import dev.seedforge.exporter.domain.ExportJob;
import dev.seedforge.exporter.domain.ExportResult;
import dev.seedforge.hub.HubPublication;
import dev.seedforge.hub.HubPublishException;
import dev.seedforge.hub.HubPublisher;
import dev.seedforge.hub.HubTarget;

/**
 * Publishes a written dataset to the Hub repository its job's {@code export.hub} names, once the files are in place.
 * A failed push does not fail the dataset (the files are complete on disk and {@code seedforge push} can publish them
 * later): it comes back as a note for the manifest and the DatasetCompleted event. Blocking: call it off the event
 * loop.
 */
@ApplicationScoped
public class DatasetPublisher {

    private static final Logger LOG = Logger.getLogger(DatasetPublisher.class);

    private final HubPublisher hub;

    public DatasetPublisher(HubConfig config) {
        this.hub = new HubPublisher(config.endpoint(), config.token().orElse(null), Duration.ofMinutes(5));
    }

    /** {@code null} when the job asks for no push or the push succeeded; otherwise what failed, without the token. */
    public String publishIfAsked(ExportJob job, ExportResult result) {
        return publishIfAsked(job, result.directory(), result.fileNames());
    }

    /** As above, for files written earlier: a dataset held for review is published when a reviewer approves it. */
    public String publishIfAsked(ExportJob job, java.nio.file.Path directory, List<String> fileNames) {
        ExportSpec.HubSpec spec = job.export().hub();
        if (spec == null) {
            return null;
        }
        try {
            HubPublication publication = hub.publish(HubTarget.of(spec), directory, fileNames,
                    "Publish the SeedForge dataset " + job.name() + " (job " + job.jobId() + ")");
            LOG.infof("Job %s published to %s (%s repository, commit %s, %d files)", job.jobId(), publication.url(),
                    spec.privateRepo() ? "private" : "public", publication.commitOid(), publication.files().size());
            return null;
        } catch (HubPublishException | IllegalArgumentException e) {
            String problem = "hub push to " + spec.repo() + " failed: " + e.getMessage();
            LOG.errorf("Job %s: %s", job.jobId(), problem);
            return problem;
        }
    }
}
