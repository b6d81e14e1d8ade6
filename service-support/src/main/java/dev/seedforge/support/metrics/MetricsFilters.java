package dev.seedforge.support.metrics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

import dev.seedforge.support.secrets.Secrets;

/** Filters applied to every meter registry of the service. */
@Singleton
public class MetricsFilters {

    /**
     * Masks secrets in tag values. Libraries tag meters with error messages (quarkus-langchain4j's
     * {@code gen_ai_client_operation_duration} carries the provider's error as {@code error_type}), and a provider may
     * quote the key in its error.
     */
    @Produces
    @Singleton
    public MeterFilter redactSecretsInTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                List<Tag> tags = id.getTags();
                List<Tag> masked = null;
                for (int i = 0; i < tags.size(); i++) {
                    Tag tag = tags.get(i);
                    String value = Secrets.redact(tag.getValue());
                    if (!value.equals(tag.getValue())) {
                        if (masked == null) {
                            masked = new ArrayList<>(tags);
                        }
                        masked.set(i, Tag.of(tag.getKey(), value));
                    }
                }
                return masked == null ? id : id.replaceTags(masked);
            }
        };
    }
}
