package dev.seedforge.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JVM's heap in use, sampled each second by {@code jstat -gc}, which reads the JVM's shared performance counters
 * from outside: unlike scraping {@code /q/metrics}, it costs the measured service no CPU (the scrape, with the Kafka
 * clients' metrics, took 9 to 15% of the services' samples in a profiled run).
 */
final class JstatHeap implements AutoCloseable {

    private final Process jstat;
    private final AtomicLong peakKib = new AtomicLong();

    private JstatHeap(Process jstat) {
        this.jstat = jstat;
        Thread.ofPlatform().daemon().name("jstat-" + jstat.pid()).start(this::read);
    }

    /** Starts sampling the JVM of {@code pid} every second, with the {@code jstat} of the JDK running this one. */
    static JstatHeap of(long pid) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path sibling = Path.of(java).resolveSibling("jstat");
        String command = Files.isExecutable(sibling) ? sibling.toString() : "jstat";
        return new JstatHeap(new ProcessBuilder(List.of(command, "-gc", Long.toString(pid), "1000"))
                .redirectErrorStream(true).start());
    }

    /** The most heap in use seen, in MiB; 0 before the first sample. */
    double peakMib() {
        return peakKib.get() / 1024.0;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            String[] header = null;
            String line;
            while ((line = lines.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 0 && fields[0].equals("S0C")) {
                    header = fields;
                } else if (header != null && fields.length == header.length) {
                    peakKib.accumulateAndGet(usedKib(header, fields), Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the JVM ended or jstat could not attach: the figures stay as sampled so far
        }
    }

    /** Heap in use, in KiB, from one line of {@code jstat -gc}: survivors, eden and old generation used. */
    static long usedKib(String[] header, String[] values) {
        double used = 0;
        for (int i = 0; i < header.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                used += Double.parseDouble(values[i]);
            }
        }
        return Math.round(used);
    }

    @Override
    public void close() {
        jstat.destroy();
    }
}
