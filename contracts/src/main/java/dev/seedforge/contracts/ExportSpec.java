package dev.seedforge.contracts;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the exporter writes besides the job's own format, when two examples count as related for a leak-free split,
 * the quality gate's thresholds, and the Hugging Face Hub dataset repository to publish to. Unset fields take the
 * exporter's configured defaults.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportSpec(List<ExampleFormat> formats, Double relatedThreshold, GateSpec gate, HubSpec hub) {

    public static final ExportSpec DEFAULT = new ExportSpec(List.of(), null, null, null);

    public ExportSpec {
        formats = formats == null ? List.of() : List.copyOf(formats);
    }

    /** Without Hub publishing. */
    public ExportSpec(List<ExampleFormat> formats, Double relatedThreshold, GateSpec gate) {
        this(formats, relatedThreshold, gate, null);
    }

    /** Quality gate thresholds: the minimum number of examples, and the largest tolerated duplicate ratio. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GateSpec(Integer minCount, Double maxDuplicateRatio) {
    }

    /**
     * Publish the finished dataset to the Hugging Face Hub dataset repository {@code repo} ({@code namespace/name}),
     * private unless {@code private: false}. Private by default: a synthetic dataset is reviewed before it is public.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HubSpec(String repo, @JsonProperty("private") Boolean isPrivate) {

        /** The Hub's repository id: a namespace and a name of letters, digits, '-', '_', '.', name at most 96. */
        private static final Pattern REPO = Pattern.compile(
                "[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?/[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?");

        public boolean privateRepo() {
            return isPrivate == null || isPrivate;
        }

        /** What is wrong with {@code repo} as a Hub dataset repository id, or {@code null} when nothing is. */
        public static String problemWithRepo(String repo) {
            if (repo == null || repo.isBlank()) {
                return "must name a Hub repository as namespace/name, e.g. my-org/task-api";
            }
            if (!REPO.matcher(repo).matches() || repo.contains("--") || repo.contains("..")) {
                return "must be namespace/name of letters, digits, '-', '_' and '.' (no '--' or '..', at most 96"
                        + " characters each, starting and ending with a letter or digit), got '" + repo + "'";
            }
            return null;
        }
    }
}
