package dev.seedforge.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built modules are: the repository the {@code seedforge} script lives in. */
public final class SeedforgeHome {

    private SeedforgeHome() {
    }

    public static Path dir() {
        String home = System.getProperty("seedforge.home", System.getenv("SEEDFORGE_HOME"));
        return (home == null ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }

    public static Path quarkusApp(String module) {
        return require(dir().resolve(module).resolve("target/quarkus-app/quarkus-run.jar"));
    }

    /** The local stack's class path: its jar and the dependencies copied beside it. */
    public static String localStackClasspath() {
        Path jar = require(dir().resolve("local-stack/target/seedforge-local-stack.jar"));
        return jar + java.io.File.pathSeparator + jar.resolveSibling("lib") + java.io.File.separator + "*";
    }

    public static final String LOCAL_STACK_MAIN = "dev.seedforge.localstack.LocalStackMain";

    private static Path require(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built; run ./mvnw package -DskipTests (the seedforge"
                    + " script does this for you)");
        }
        return jar;
    }
}
