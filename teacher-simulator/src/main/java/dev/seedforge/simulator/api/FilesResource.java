package dev.seedforge.simulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.seedforge.simulator.domain.FileStore;

/**
 * OpenAI's Files API as far as batches need it: upload a JSONL file of requests ({@code purpose=batch}), read a
 * file's object and content (the batch's output and error files too), delete a file.
 */
@Path("/v1/files")
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {

    private final FileStore files;

    public FilesResource(FileStore files) {
        this.files = files;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("purpose") String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return badRequest("Missing required parameter: 'purpose'.", "purpose");
        }
        if (!FileStore.PURPOSE_BATCH.equals(purpose)) {
            return badRequest("The teacher simulator stores files of purpose 'batch' only, got '" + purpose + "'.",
                    "purpose");
        }
        if (file == null || file.uploadedFile() == null) {
            return badRequest("Missing required parameter: 'file'.", "file");
        }
        byte[] content;
        try {
            content = java.nio.file.Files.readAllBytes(file.uploadedFile());
        } catch (java.io.IOException e) {
            return Response.serverError().entity(new OpenAiError(new OpenAiError.Detail(
                    "The uploaded file could not be read.", "server_error", "file", null))).build();
        }
        String name = file.fileName() == null || file.fileName().isBlank() ? "upload.jsonl" : file.fileName();
        return Response.ok(files.put(name, purpose, content).describe()).build();
    }

    @GET
    public Map<String, Object> list() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", files.all().stream().map(FileStore.StoredFile::describe).toList());
        out.put("has_more", false);
        return out;
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return files.get(id).map(f -> Response.ok(f.describe()).build()).orElseGet(() -> notFound(id));
    }

    @GET
    @Path("/{id}/content")
    @Produces({ MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON })
    public Response content(@PathParam("id") String id) {
        return files.get(id)
                .map(f -> Response.ok(f.bytes(), MediaType.APPLICATION_OCTET_STREAM_TYPE).build())
                .orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        if (!files.delete(id)) {
            return notFound(id);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "file");
        out.put("deleted", true);
        return Response.ok(out).build();
    }

    static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OpenAiError(new OpenAiError.Detail("No such File object: " + id,
                        "invalid_request_error", "id", null)))
                .build();
    }

    private static Response badRequest(String message, String param) {
        return Response.status(Response.Status.BAD_REQUEST).entity(OpenAiError.invalidRequest(message, param))
                .build();
    }
}
