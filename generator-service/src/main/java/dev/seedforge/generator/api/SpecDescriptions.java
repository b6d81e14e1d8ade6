package dev.seedforge.generator.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import dev.seedforge.contracts.JobSpec;

/**
 * Copies the job spec's {@code @JsonPropertyDescription}s into the API description's schemas: SmallRye OpenAPI reads
 * Jackson's names ({@code @JsonNaming}, so {@code examples_per_call}) but not its descriptions, and the spec's fields
 * are documented once, in contracts, without a second set of annotations there. Covers {@link JobSpec} and every
 * contracts type reachable from its fields. Registered with {@code mp.openapi.filter}.
 */
public class SpecDescriptions implements OASFilter {

    private static final String CONTRACTS = JobSpec.class.getPackageName();

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Deque<JavaType> pending = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        pending.add(mapper.constructType(JobSpec.class));
        while (!pending.isEmpty()) {
            JavaType type = pending.pop();
            if (!seen.add(type.getRawClass())) {
                continue;
            }
            BeanDescription bean = mapper.getSerializationConfig().introspect(type);
            Schema schema = schemas.get(type.getRawClass().getSimpleName());
            for (BeanPropertyDefinition property : bean.findProperties()) {
                String description = property.getMetadata().getDescription();
                Schema propertySchema = schema == null || schema.getProperties() == null ? null
                        : schema.getProperties().get(property.getName());
                if (description != null && propertySchema != null && propertySchema.getDescription() == null) {
                    propertySchema.setDescription(description);
                }
                enqueueContracts(property.getPrimaryType(), pending);
            }
        }
    }

    /** The contracts types inside {@code type}, container contents and map values included. */
    private static void enqueueContracts(JavaType type, Deque<JavaType> pending) {
        if (type == null) {
            return;
        }
        if (type.isContainerType()) {
            enqueueContracts(type.getContentType(), pending);
            return;
        }
        Class<?> raw = type.getRawClass();
        if (!raw.isEnum() && raw.getPackageName().equals(CONTRACTS)) {
            pending.add(type);
        }
    }
}
