package dev.seedforge.simulator.domain;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The Files API's storage, in memory: a stand-in needs no durability, only that a file's content never changes once
 * written (a batch's input and its output and error files).
 */
public final class FileStore {

    public static final String PURPOSE_BATCH = "batch";
    public static final String PURPOSE_BATCH_OUTPUT = "batch_output";

    private final long seed;
    private final LongSupplier millisClock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

    public FileStore(long seed, LongSupplier millisClock) {
        this.seed = seed;
        this.millisClock = millisClock;
    }

    public StoredFile put(String filename, String purpose, byte[] content) {
        String id = "file-" + Ids.hex(seed, 0xF11EL, sequence.incrementAndGet());
        StoredFile file = new StoredFile(id, filename, purpose, content.clone(), millisClock.getAsLong() / 1000);
        files.put(id, file);
        return file;
    }

    public StoredFile put(String filename, String purpose, String content) {
        return put(filename, purpose, content.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<StoredFile> get(String id) {
        return Optional.ofNullable(id == null ? null : files.get(id));
    }

    public boolean delete(String id) {
        return id != null && files.remove(id) != null;
    }

    public List<StoredFile> all() {
        return files.values().stream().sorted((a, b) -> Long.compare(b.createdAt(), a.createdAt())).toList();
    }

    /** One file; {@code content} is a private copy, never handed out to be changed. */
    public record StoredFile(String id, String filename, String purpose, byte[] content, long createdAt) {

        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return content.clone();
        }

        /** The file object as OpenAI's Files API returns it. */
        public Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("object", "file");
            out.put("bytes", content.length);
            out.put("created_at", createdAt);
            out.put("expires_at", null);
            out.put("filename", filename);
            out.put("purpose", purpose);
            out.put("status", "processed");
            out.put("status_details", null);
            return out;
        }
    }
}
