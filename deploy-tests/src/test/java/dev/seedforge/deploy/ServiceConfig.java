package dev.seedforge.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's src/main/resources/application.properties, read the way a deployment must satisfy it: which settings
 * name an address or a credential of the environment, and by which environment variables they can be given.
 */
record ServiceConfig(String module, Properties properties) {

    /** Settings that differ per environment: a deployment must set each one the service has. */
    private static final List<Pattern> ENVIRONMENT_SETTINGS = List.of(Pattern.compile("kafka\\.bootstrap\\.servers"),
            Pattern.compile("quarkus\\.datasource\\.reactive\\.url"), Pattern.compile("quarkus\\.datasource\\.username"),
            Pattern.compile("quarkus\\.datasource\\.password"), Pattern.compile("quarkus\\.rest-client\\.[^.]+\\.url"),
            Pattern.compile("quarkus\\.langchain4j\\.openai\\.([^.]+\\.)?base-url"),
            Pattern.compile("quarkus\\.langchain4j\\.openai\\.([^.]+\\.)?api-key"),
            Pattern.compile("exporter\\.output-dir"));

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(.+)");

    /** A setting and the environment variables any one of which sets it. */
    record Setting(String key, Set<String> envNames) {
    }

    static ServiceConfig of(String module) {
        Path file = Repo.path(module + "/src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ServiceConfig(module, properties);
    }

    int httpPort() {
        return Integer.parseInt(required("quarkus.http.port"));
    }

    String required(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new AssertionError(module + "'s application.properties has no " + key);
        }
        return value;
    }

    /** The settings of this service a deployment must give, each with the env names SmallRye Config reads for it. */
    List<Setting> environmentSettings() {
        List<Setting> settings = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (ENVIRONMENT_SETTINGS.stream().anyMatch(p -> p.matcher(key).matches())) {
                Set<String> names = new LinkedHashSet<>();
                names.add(envName(key));
                Matcher m = ENV_REFERENCE.matcher(properties.getProperty(key));
                while (m.find()) {
                    names.add(m.group(1));
                }
                settings.add(new Setting(key, names));
            }
        }
        return settings;
    }

    /** Incoming channel names (= topic unless the channel sets .topic). */
    Set<String> incomingChannels() {
        Set<String> channels = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = INCOMING.matcher(key);
            if (m.matches()) {
                channels.add(m.group(1));
            }
        }
        return channels;
    }

    String incomingTopic(String channel) {
        return properties.getProperty("mp.messaging.incoming." + channel + ".topic", channel);
    }

    Optional<String> groupId(String channel) {
        return Optional.ofNullable(properties.getProperty("mp.messaging.incoming." + channel + ".group.id"));
    }

    Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        for (String channel : incomingChannels()) {
            String dlq = properties.getProperty("mp.messaging.incoming." + channel + ".dead-letter-queue.topic");
            if (dlq != null) {
                topics.add(dlq);
            }
        }
        return topics;
    }

    /** The environment variable name SmallRye Config maps to a property (non-alphanumerics to _, upper case). */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Names of variables that hold credentials: never a literal in a manifest. */
    static boolean isSecretName(String envName) {
        return envName.matches(".*(KEY|PASSWORD|TOKEN|SECRET|CREDENTIAL).*");
    }
}
