package dev.seedforge.exporter.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where and as whom datasets are published to the Hugging Face Hub: the variables huggingface_hub itself reads,
 * {@code HF_ENDPOINT} and {@code HF_TOKEN} (a secret: masked in logs and errors).
 */
@ConfigMapping(prefix = "hf")
public interface HubConfig {

    /** The Hub's base URL; a test points it at WireMock. */
    @WithDefault("https://huggingface.co")
    String endpoint();

    /** A token with write access to the namespaces jobs publish to. */
    Optional<String> token();
}
