package dev.seedforge.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The heap read from a JVM's performance counters, as jstat -gc adds it up. */
class PerfDataHeapTest {

    @Test
    void addsEveryGenerationSpaceUsedAndNothingElse() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("sun.gc.generation.0.space.0.used", 1_000L); // eden
        counters.put("sun.gc.generation.0.space.0.capacity", 90_000L);
        counters.put("sun.gc.generation.0.space.1.used", 200L); // survivors
        counters.put("sun.gc.generation.0.space.2.used", 30L);
        counters.put("sun.gc.generation.1.space.0.used", 4_000_000L); // old
        counters.put("sun.gc.metaspace.used", 77_000_000L);
        for (ByteOrder order : new ByteOrder[] { ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN }) {
            assertEquals(4_001_230L, PerfDataHeap.usedBytes(perfData(counters, order)), order.toString());
        }
    }

    @Test
    void refusesWhatIsNotPerformanceCounters() {
        assertThrows(IllegalArgumentException.class, () -> PerfDataHeap.usedBytes(ByteBuffer.allocate(64)));
    }

    @Test
    void readsThisJvmsOwnHeap() throws Exception {
        Path own = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(ProcessHandle.current().pid()));
        try (FileChannel file = FileChannel.open(own, StandardOpenOption.READ)) {
            long used = PerfDataHeap.usedBytes(file.map(FileChannel.MapMode.READ_ONLY, 0, file.size()));
            Runtime runtime = Runtime.getRuntime();
            assertTrue(used > 0 && used <= runtime.totalMemory(), used + " bytes against a heap of "
                    + runtime.totalMemory());
        }
    }

    /** HotSpot's PerfData 2.0 layout: a 32-byte prologue, then one entry of type 'J' (a long) per counter. */
    private static ByteBuffer perfData(Map<String, Long> counters, ByteOrder order) {
        ByteBuffer data = ByteBuffer.allocate(4096);
        data.order(ByteOrder.BIG_ENDIAN).putInt(0, 0xcafec0c0);
        data.put(4, (byte) (order == ByteOrder.BIG_ENDIAN ? 0 : 1)).put(5, (byte) 2).put(6, (byte) 0);
        data.order(order);
        int entry = 32;
        data.putInt(24, entry).putInt(28, counters.size());
        for (var counter : counters.entrySet()) {
            byte[] name = (counter.getKey() + "\0").getBytes(StandardCharsets.US_ASCII);
            int nameOffset = 20;
            int dataOffset = (nameOffset + name.length + 7) / 8 * 8;
            int length = dataOffset + 8;
            data.putInt(entry, length).putInt(entry + 4, nameOffset).putInt(entry + 8, 0);
            data.put(entry + 12, (byte) 'J').putInt(entry + 16, dataOffset);
            data.put(entry + nameOffset, name);
            data.putLong(entry + dataOffset, counter.getValue());
            entry += length;
        }
        return data;
    }
}
