package dev.seedforge.simulator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code GET /v1/models} answer that OpenAI clients probe. */
public record ModelList(String object, List<Model> data) {

    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
