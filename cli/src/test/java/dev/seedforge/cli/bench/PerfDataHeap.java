package dev.seedforge.cli.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JVM's heap in use, sampled each second from its shared performance counters (the {@code hsperfdata} file that
 * {@code jstat} reads) by a thread of this process: it costs the measured service nothing, and unlike a {@code jstat}
 * per service it starts no JVM beside them on the cores the benchmark measures.
 */
final class PerfDataHeap implements AutoCloseable {

    private static final int MAGIC = 0xcafec0c0;
    private static final String GENERATIONS = "sun.gc.generation.";
    private static final String USED = ".used";

    private final FileChannel file;
    private final AtomicLong peakBytes = new AtomicLong();
    private final Thread sampler;

    private PerfDataHeap(FileChannel file, long pid) {
        this.file = file;
        this.sampler = Thread.ofPlatform().daemon().name("heap-" + pid).start(this::sample);
    }

    /** Starts sampling the JVM of {@code pid} (of this user, on this machine) every second. */
    static PerfDataHeap of(long pid) throws IOException {
        Path counters = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
        if (!Files.isReadable(counters)) {
            throw new IOException("no performance counters for process " + pid + " at " + counters
                    + " (started with -XX:-UsePerfData?)");
        }
        return new PerfDataHeap(FileChannel.open(counters, StandardOpenOption.READ), pid);
    }

    /** The most heap in use seen, in MiB; 0 before the first sample. */
    double peakMib() {
        return peakBytes.get() / 1048576.0;
    }

    private void sample() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                peakBytes.accumulateAndGet(usedBytes(file.map(FileChannel.MapMode.READ_ONLY, 0, file.size())),
                        Math::max);
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the JVM ended: the figure stays as sampled so far
        }
    }

    /**
     * Heap in use, in bytes: the sum of every generation's spaces' {@code used} counters (eden, the survivors and the
     * old generation), as {@code jstat -gc}'s S0U, S1U, EU and OU. The layout is HotSpot's PerfData format 2.0: a
     * 32-byte prologue (magic, byte order, version, then the first entry's offset and the number of entries), then
     * entries each giving its own length and the offsets of its name and its value.
     */
    static long usedBytes(ByteBuffer counters) {
        ByteBuffer data = counters.duplicate();
        if (data.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
            throw new IllegalArgumentException("not a JVM's performance counters (magic)");
        }
        data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entries = data.getInt(28);
        int entry = data.getInt(24);
        long used = 0;
        for (int i = 0; i < entries; i++) {
            int length = data.getInt(entry);
            String name = name(data, entry + data.getInt(entry + 4));
            if (name.startsWith(GENERATIONS) && name.contains(".space.") && name.endsWith(USED)
                    && data.get(entry + 12) == 'J') {
                used += data.getLong(entry + data.getInt(entry + 16));
            }
            entry += length;
        }
        return used;
    }

    private static String name(ByteBuffer data, int at) {
        StringBuilder name = new StringBuilder();
        for (int i = at; data.get(i) != 0; i++) {
            name.append((char) data.get(i));
        }
        return name.toString();
    }

    @Override
    public void close() {
        sampler.interrupt();
        try {
            file.close();
        } catch (IOException e) {
            // nothing to keep
        }
    }
}
