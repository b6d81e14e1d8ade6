package dev.seedforge.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test at the JVM's {@link SharedLocalStack}: real Kafka and PostgreSQL, started once for all test
 * classes and stopped with the JVM; or, as {@link StackChoice} decides ({@code -Dseedforge.stack}), at Kafka and
 * PostgreSQL containers ({@link ContainerStack}).
 *
 * <pre>
 * &#64;QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
 * </pre>
 *
 * The application must still set {@code quarkus.devservices.enabled=false} in its own configuration: Dev Services are
 * decided at build time, before test resources run.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        if (StackChoice.current() == StackChoice.TESTCONTAINERS) {
            return quietBroker(ContainerStack.config());
        }
        return config(SharedLocalStack.get());
    }

    /** The shared stack stays up for the other test classes; its shutdown hook stops it with the JVM. */
    @Override
    public void stop() {
    }

    /** The configuration a Quarkus service needs to use a stack: Kafka, the reactive datasource, no Dev Services. */
    public static Map<String, String> config(LocalStack stack) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        config.put("quarkus.datasource.reactive.url", stack.postgresReactiveUrl());
        config.put("quarkus.datasource.username", stack.postgresUser());
        config.put("quarkus.datasource.password", stack.postgresPassword());
        config.put("quarkus.devservices.enabled", "false");
        return quietBroker(config);
    }

    private static Map<String, String> quietBroker(Map<String, String> config) {
        for (String category : BrokerLogging.CATEGORIES) {
            config.put("quarkus.log.category.\"" + category + "\".level", "WARN");
        }
        return config;
    }

    /**
     * The JVM's shared stack (the same as {@link SharedLocalStack#get()}), with every pipeline topic created; for
     * tests that act on the servers themselves (restarts), which run on the local stack only.
     */
    public static LocalStack stack() {
        if (StackChoice.current() == StackChoice.TESTCONTAINERS) {
            throw new LocalStackException("this test acts on the local stack's servers; run it with -D"
                    + StackChoice.PROPERTY + "=local");
        }
        return SharedLocalStack.get();
    }

    /** {@code host:port} of the shared broker, for tests with a plain producer or consumer. */
    public static String kafkaBootstrapServers() {
        return StackChoice.current() == StackChoice.TESTCONTAINERS ? ContainerStack.kafkaBootstrapServers()
                : SharedLocalStack.kafkaBootstrapServers();
    }
}
