package dev.seedforge.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Json;

/**
 * Publishes a dataset's files to a Hugging Face Hub dataset repository through the Hub's HTTP API, as
 * {@code huggingface_hub} does ({@code HfApi.create_repo}, {@code create_commit}; see its {@code hf_api.py} and
 * {@code _commit_api.py}, and https://huggingface.co/docs/hub/api): {@code POST /api/repos/create} (type dataset,
 * private), {@code POST /api/datasets/{repo}/preupload/main} (the Hub says per file whether it may be sent inline),
 * then one {@code POST /api/datasets/{repo}/commit/main} in NDJSON (a header line, then one line per file with its
 * base64 content). A commit is all or nothing on the Hub, so the repository never holds part of the files; when a later
 * step fails, a repository this push created is deleted again, and the error says so. Files go inline only: each at
 * most {@value #MAX_INLINE_FILE_BYTES} bytes (larger files need the Hub's Git LFS upload, not implemented here), which
 * is checked before anything is created. The token is sent only in the {@code Authorization} header and masked in
 * every message.
 */
public final class HubPublisher {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    /** The Hub keeps larger files out of plain git: they need LFS, which this client does not speak. */
    public static final long MAX_INLINE_FILE_BYTES = 10L * 1024 * 1024;
    static final String MASK = "[HF_TOKEN]";
    private static final String REVISION = "main";

    private final URI endpoint;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    public HubPublisher(String endpoint, String token, Duration timeout) {
        this.endpoint = URI.create(endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT
                : endpoint.strip().replaceAll("/+$", ""));
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code HF_ENDPOINT} (default {@value #DEFAULT_ENDPOINT}) and {@code HF_TOKEN}, as huggingface_hub reads them. */
    public static HubPublisher fromEnvironment(Map<String, String> environment) {
        return new HubPublisher(environment.get("HF_ENDPOINT"), environment.get("HF_TOKEN"), Duration.ofMinutes(5));
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Creates the repository if it does not exist, then commits {@code fileNames} from {@code directory} in one
     * commit. Throws {@link HubPublishException} naming what failed; nothing is then half-published.
     */
    public HubPublication publish(HubTarget target, Path directory, List<String> fileNames, String commitMessage) {
        if (token == null) {
            throw new HubPublishException("token", "publishing to " + target.repo()
                    + " needs a Hugging Face token with write access in HF_TOKEN; it is not set");
        }
        Map<String, byte[]> files = read(directory, fileNames);
        boolean created = createRepo(target);
        try {
            checkUploadModes(target, files);
            JsonNode commit = commit(target, files, commitMessage);
            return new HubPublication(target.repo(), endpoint + "/datasets/" + target.repo(),
                    commit.path("commitOid").asText(null), commit.path("commitUrl").asText(null),
                    List.copyOf(files.keySet()), created);
        } catch (HubPublishException e) {
            throw new HubPublishException(e.step(), e.getMessage() + "; " + rollBack(target, created));
        }
    }

    private Map<String, byte[]> read(Path directory, List<String> fileNames) {
        if (fileNames.isEmpty()) {
            throw new HubPublishException("files", "there are no files to publish in " + directory);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Path base = directory.toAbsolutePath().normalize();
        for (String name : fileNames) {
            Path file = base.resolve(name).normalize();
            if (!base.equals(file.getParent()) || name.startsWith(".")
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new HubPublishException("files", "'" + name + "' is not a plain file of " + directory);
            }
            try {
                long size = Files.size(file);
                if (size > MAX_INLINE_FILE_BYTES) {
                    throw new HubPublishException("files", "'" + name + "' has " + size + " bytes; files above "
                            + MAX_INLINE_FILE_BYTES + " bytes need the Hub's LFS upload, which SeedForge does not"
                            + " do: nothing was created, push with huggingface-cli upload instead");
                }
                files.put(name, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file + " failed", e);
            }
        }
        return files;
    }

    /** True when this call created the repository, false when it existed (409). */
    private boolean createRepo(HubTarget target) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("type", "dataset").put("name", target.name())
                .put("organization", target.namespace()).put("private", target.privateRepo());
        HttpResponse<String> response = send("create-repo", "creating the dataset repository " + target.repo(),
                json(api("/api/repos/create"), "POST", body));
        if (response.statusCode() == 409) {
            return false;
        }
        expectOk("create-repo", "creating the dataset repository " + target.repo(), response,
                "nothing was published");
        return true;
    }

    private void checkUploadModes(HubTarget target, Map<String, byte[]> files) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("files");
        files.forEach((name, content) -> list.addObject().put("path", name)
                .put("sample", Base64.getEncoder().encodeToString(Arrays.copyOf(content, Math.min(512,
                        content.length))))
                .put("size", content.length));
        String what = "asking the Hub how to upload the files of " + target.repo();
        HttpResponse<String> response = send("preupload", what,
                json(repoApi(target, "preupload"), "POST", body));
        expectOk("preupload", what, response, "nothing was committed");
        JsonNode answer = parse("preupload", what, response.body());
        for (JsonNode file : answer.path("files")) {
            String mode = file.path("uploadMode").asText();
            if (!"regular".equals(mode)) {
                throw new HubPublishException("preupload", "the Hub wants '" + file.path("path").asText()
                        + "' of " + target.repo() + " uploaded as '" + mode + "' (Git LFS), which SeedForge does"
                        + " not do; nothing was committed");
            }
            if (file.path("shouldIgnore").asBoolean(false)) {
                throw new HubPublishException("preupload", "the Hub would ignore '" + file.path("path").asText()
                        + "' of " + target.repo() + " (a .gitignore rule); nothing was committed");
            }
        }
    }

    private JsonNode commit(HubTarget target, Map<String, byte[]> files, String message) {
        StringBuilder ndjson = new StringBuilder();
        ObjectNode header = Json.MAPPER.createObjectNode().put("key", "header");
        header.putObject("value").put("summary", message).put("description", "");
        ndjson.append(header).append('\n');
        files.forEach((name, content) -> {
            ObjectNode line = Json.MAPPER.createObjectNode().put("key", "file");
            line.putObject("value").put("content", Base64.getEncoder().encodeToString(content)).put("path", name)
                    .put("encoding", "base64");
            ndjson.append(line).append('\n');
        });
        HttpRequest request = authorized(repoApi(target, "commit"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString(), StandardCharsets.UTF_8)).build();
        String what = "committing " + files.size() + " files to " + target.repo();
        HttpResponse<String> response = send("commit", what, request);
        expectOk("commit", what, response, "the commit was refused as a whole, no file of it is in the repository");
        return parse("commit", what, response.body());
    }

    /** Deletes the repository this push created; says what is left either way. */
    private String rollBack(HubTarget target, boolean created) {
        if (!created) {
            return "the repository existed before and keeps its earlier content";
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("type", "dataset").put("name", target.name())
                .put("organization", target.namespace());
        try {
            HttpResponse<String> response = send("rollback", "deleting " + target.repo(),
                    json(api("/api/repos/delete"), "DELETE", body));
            if (response.statusCode() / 100 == 2) {
                return "the repository created for this push was deleted again";
            }
            return "the repository created for this push could not be deleted (HTTP " + response.statusCode()
                    + " " + hubError(response) + "): it is empty, delete " + target.repo() + " by hand";
        } catch (HubPublishException e) {
            return "the repository created for this push could not be deleted (" + e.getMessage()
                    + "): it is empty, delete " + target.repo() + " by hand";
        }
    }

    private URI repoApi(HubTarget target, String action) {
        return api("/api/datasets/" + target.repo() + "/" + action + "/" + REVISION);
    }

    /** Appended, not resolved: an endpoint with a path prefix (a proxy, a mirror) keeps it. */
    private URI api(String path) {
        return URI.create(endpoint + path);
    }

    private HttpRequest json(URI uri, String method, JsonNode body) {
        return authorized(uri).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + token)
                .header("User-Agent", "seedforge-hub-client");
    }

    private HttpResponse<String> send(String step, String what, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HubPublishException(step, what + " failed: " + endpoint + " did not answer (" + mask(
                    String.valueOf(e.getMessage())) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubPublishException(step, what + " was interrupted");
        }
    }

    private void expectOk(String step, String what, HttpResponse<String> response, String state) {
        if (response.statusCode() / 100 != 2) {
            String hint = response.statusCode() == 401 || response.statusCode() == 403
                    ? " (is HF_TOKEN a token with write access to this namespace?)"
                    : "";
            throw new HubPublishException(step, what + " failed: HTTP " + response.statusCode() + " "
                    + hubError(response) + hint + "; " + state);
        }
    }

    private JsonNode parse(String step, String what, String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new HubPublishException(step, what + ": the Hub's answer is not JSON");
        }
    }

    /** The Hub's error text ({@code X-Error-Message} or the body's {@code error}), masked and kept short. */
    private String hubError(HttpResponse<String> response) {
        String message = response.headers().firstValue("X-Error-Message").orElse(null);
        if (message == null) {
            try {
                JsonNode body = Json.MAPPER.readTree(response.body());
                message = body.path("error").isTextual() ? body.path("error").asText() : response.body();
            } catch (JsonProcessingException | IllegalArgumentException e) {
                message = response.body();
            }
        }
        message = mask(message == null ? "" : message.strip());
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    String mask(String text) {
        return token == null || text == null ? text : text.replace(token, MASK);
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "HubPublisher[" + endpoint + (token == null ? ", no token]" : ", token from HF_TOKEN]");
    }

    /** The plain files of a dataset directory, sorted: what {@code seedforge push} publishes. */
    public static List<String> filesOf(Path directory) {
        try (var paths = Files.list(directory)) {
            List<String> names = new ArrayList<>();
            paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
                    .forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + directory + " failed", e);
        }
    }
}
