package dev.seedforge.exporter.api;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Json;
import dev.seedforge.exporter.persistence.DatasetManifestEntity;
import dev.seedforge.support.security.ApiAccess;
import dev.seedforge.support.security.Caller;

/**
 * Lists finished datasets and serves their files. Only plain names listed in a dataset's manifest that are regular
 * files (not symbolic links) in its directory are served, so no request can reach outside a dataset's directory. A
 * file is returned as a {@link Path}, which Quarkus REST writes with Vert.x's sendFile: streamed from disk, never
 * read into memory. With API tokens configured, a tenant lists and reads only the datasets of its own jobs (403 for
 * another's); the operator token reads all.
 */
@jakarta.ws.rs.Path("/datasets")
@Tag(name = "datasets", description = "Finished datasets: manifests, quality reports and files")
@SecurityScheme(securitySchemeName = DatasetResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", description = "An API token (SEEDFORGE_API_TOKEN or a tenant's from SEEDFORGE_API_TOKENS); needed only when "
        + "tokens are configured")
@SecurityRequirement(name = DatasetResource.BEARER)
@APIResponse(responseCode = "401", description = "Tokens are configured and the request carries none, or an unknown one")
@APIResponse(responseCode = "403", description = "The dataset belongs to another tenant's job")
public class DatasetResource {

    /** The security scheme's name in the API description. */
    public static final String BEARER = "bearer";

    private final ApiAccess access;
    private final SecurityIdentity identity;
    private final DatasetAccess datasets;

    public DatasetResource(ApiAccess access, SecurityIdentity identity, DatasetAccess datasets) {
        this.access = access;
        this.identity = identity;
        this.datasets = datasets;
    }

    /** Runs {@code read} only when the caller may read the job's dataset. */
    private <T> Uni<RestResponse<T>> readable(String jobId, java.util.function.Supplier<Uni<RestResponse<T>>> read) {
        Caller caller = access.caller(identity);
        return datasets.mayRead(caller, jobId)
                .flatMap(allowed -> allowed ? read.get() : Uni.createFrom().item(RestResponse.status(Status.FORBIDDEN)));
    }

    private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)*");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "List datasets", description = "The manifests of the datasets the caller may read, newest "
            + "first.")
    @APIResponse(responseCode = "200", description = "The manifests")
    public Uni<List<DatasetManifest>> list() {
        Caller caller = access.caller(identity);
        return DatasetManifestEntity.newestFirst().map(all -> all.stream().map(DatasetManifest::of).toList())
                .flatMap(all -> datasets.readable(caller, all, DatasetManifest::jobId));
    }

    @GET
    @jakarta.ws.rs.Path("/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "Show a dataset", description = "A job's dataset manifest (status, counts, files) and its "
            + "quality report.")
    @APIResponse(responseCode = "200", description = "The manifest and quality report")
    @APIResponse(responseCode = "404", description = "The job has no dataset yet")
    public Uni<RestResponse<DatasetDetails>> get(@RestPath String jobId) {
        return readable(jobId, () -> DatasetManifestEntity.<DatasetManifestEntity> findById(jobId)
                .map(manifest -> manifest == null
                        ? RestResponse.<DatasetDetails> notFound()
                        : RestResponse.ok(new DatasetDetails(DatasetManifest.of(manifest), report(manifest)))));
    }

    @GET
    @jakarta.ws.rs.Path("/{jobId}/files/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @WithSession
    @Operation(summary = "Download a dataset file", description = "A file listed in the dataset's manifest (for "
            + "example train.jsonl, validation.jsonl, quality-report.json), streamed from disk.")
    @APIResponse(responseCode = "200", description = "The file, as an attachment")
    @APIResponse(responseCode = "400", description = "Not a plain file name")
    @APIResponse(responseCode = "404", description = "No such dataset, or no such file in its manifest")
    public Uni<RestResponse<Path>> file(@RestPath String jobId, @RestPath String name) {
        if (!isPlainFileName(name)) {
            return Uni.createFrom().item(RestResponse.status(Status.BAD_REQUEST));
        }
        return readable(jobId, () -> DatasetManifestEntity.<DatasetManifestEntity> findById(jobId).map(manifest -> {
            if (manifest == null || manifest.directory == null || !manifest.files().contains(name)) {
                return RestResponse.<Path> notFound();
            }
            Path directory = Path.of(manifest.directory).toAbsolutePath().normalize();
            Path file = directory.resolve(name).normalize();
            if (!file.getParent().equals(directory) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                // a symbolic link, even one named like a dataset file, could point anywhere on the volume
                return RestResponse.<Path> notFound();
            }
            return RestResponse.ResponseBuilder.ok(file)
                    .type(mediaType(name))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                    .build();
        }));
    }

    /** One plain name such as {@code train.jsonl}: no separators, no {@code ..}, nothing hidden. */
    static boolean isPlainFileName(String name) {
        return name != null && name.length() <= 128 && PLAIN_FILE_NAME.matcher(name).matches();
    }

    private static String mediaType(String name) {
        if (name.endsWith(".jsonl")) {
            return "application/jsonl";
        }
        if (name.endsWith(".json")) {
            return MediaType.APPLICATION_JSON;
        }
        return name.endsWith(".txt") ? MediaType.TEXT_PLAIN + ";charset=UTF-8" : MediaType.APPLICATION_OCTET_STREAM;
    }

    private static com.fasterxml.jackson.databind.JsonNode report(DatasetManifestEntity manifest) {
        if (manifest.reportJson == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(manifest.reportJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable report of job " + manifest.jobId, e);
        }
    }
}
