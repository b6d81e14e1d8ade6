package dev.seedforge.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import picocli.CommandLine;

/** The {@code seedforge} command, a Quarkus command-mode application that hands its arguments to picocli. */
@QuarkusMain
public class SeedforgeMain implements QuarkusApplication {

    public static void main(String... args) {
        Quarkus.run(SeedforgeMain.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(new SeedforgeCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
