package dev.seedforge.support.schema;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.AllowSchemaLoader;

/**
 * The one networknt schema factory the services use: it loads nothing but the standard meta-schemas networknt ships
 * on its classpath, so a schema a tenant wrote can never make a service fetch a URL or read a file (networknt's
 * default loader would follow a {@code $ref} or {@code $schema} anywhere). A reference it may not load fails the
 * schema, never the network. Specs are refused at submission when they point outside themselves
 * ({@code SelfContainedSchemas} in contracts); this is the second line, for a schema that reaches a service another way.
 */
public final class OfflineSchemas {

    /** Draft 2020-12, the dialect of a schema that does not name one. */
    public static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(
                    iri -> iri != null && iri.toString().startsWith("classpath:")))));

    private OfflineSchemas() {
    }
}
