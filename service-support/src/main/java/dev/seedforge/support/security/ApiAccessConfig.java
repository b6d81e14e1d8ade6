package dev.seedforge.support.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The API tokens a service accepts (env {@code SEEDFORGE_API_TOKEN}, {@code SEEDFORGE_API_TOKENS}). With neither set,
 * the REST API is open, as the local demo needs.
 */
@ConfigMapping(prefix = "seedforge.api")
public interface ApiAccessConfig {

    /** The operator's and the services' own token: it sees every job. */
    Optional<String> token();

    /** Tenant tokens as {@code tenant:token} pairs: each tenant sees only the jobs it submitted. */
    Optional<List<String>> tokens();
}
