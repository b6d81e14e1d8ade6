package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Json;

/** Runs an export's train_trl.py against the stand-ins for datasets, transformers and trl (test resources). */
final class TrlStandIns {

    private TrlStandIns() {
    }

    /** The version the stand-in for datasets reports unless a test says otherwise: one that keeps mixed JSON. */
    static final String CURRENT_DATASETS = "4.8.1";

    /** What a run of the script printed, and how it ended. */
    record Run(int exitCode, String output) {
    }

    /** The summary the trainer printed on its line starting with {@code trainer} ("SFT", "DPO"). */
    static JsonNode run(Path dir, String trainer) throws Exception {
        return run(dir, trainer, CURRENT_DATASETS);
    }

    /** As {@link #run(Path, String)}, with the stand-in for datasets reporting {@code datasetsVersion}. */
    static JsonNode run(Path dir, String trainer, String datasetsVersion) throws Exception {
        Run run = script(dir, datasetsVersion);
        assertEquals(0, run.exitCode(), "train_trl.py failed: " + run.output());
        String line = run.output().lines().filter(l -> l.startsWith(trainer + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(trainer + "Trainer never trained: " + run.output()));
        return Json.MAPPER.readTree(line.substring(trainer.length() + 1));
    }

    /** Runs the export's train_trl.py, with the stand-in for datasets reporting {@code datasetsVersion}. */
    static Run script(Path dir, String datasetsVersion) throws Exception {
        Path stubs = Path.of(TrlStandIns.class.getResource("/trl-stubs/trl.py").toURI()).getParent();
        ProcessBuilder builder = new ProcessBuilder("python3", dir.resolve(TrlScript.FILE).toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", stubs.toString());
        builder.environment().put("DATASETS_STAND_IN_VERSION", datasetsVersion);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not on PATH: " + e.getMessage());
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        return new Run(process.exitValue(), out);
    }
}
