package dev.seedforge.cli;

import java.io.PrintStream;
import java.net.URI;

import dev.seedforge.cli.launch.LocalPipeline;

/** Which teacher a local run uses: a provider when OPENAI_API_KEY is set, the simulator otherwise. */
final class Teachers {

    private Teachers() {
    }

    static LocalPipeline.Teacher choose(boolean forceSimulator, PrintStream console) {
        String key = System.getenv("OPENAI_API_KEY");
        if (key == null || key.isBlank() || forceSimulator) {
            console.println("No LLM provider configured" + (forceSimulator ? " (--simulator)"
                    : " (OPENAI_API_KEY is not set)")
                    + ": using the SeedForge teacher simulator, which imitates the seeds offline.");
            return LocalPipeline.Teacher.simulator();
        }
        String base = System.getenv().getOrDefault("TEACHER_BASE_URL", "https://api.openai.com/v1");
        console.println("Using the LLM provider at " + base + " (key from OPENAI_API_KEY)");
        return new LocalPipeline.Teacher(URI.create(base), false);
    }
}
