package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

class LatestCandidatesTest {

    private static Candidate candidate(int n) {
        try {
            return new Candidate(1, "c" + n, "job", "cell", ExampleFormat.OPENAI, Json.MAPPER.readTree(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"ask " + n + "\"},"
                            + "{\"role\":\"assistant\",\"content\":\"answer " + n + "\"}]}"),
                    null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::candidateId).toList();
    }

    @Test
    void theStoreIsReadOnceThenBookingsKeepTheNewestFirst() {
        LatestCandidates latest = new LatestCandidates(4);
        AtomicInteger reads = new AtomicInteger();
        List<Candidate> stored = List.of(candidate(3), candidate(2), candidate(1));
        assertEquals(List.of("c3", "c2", "c1"), ids(latest.get(() -> {
            reads.incrementAndGet();
            return stored;
        })));
        latest.booked(List.of(candidate(4), candidate(5)));
        assertEquals(List.of("c5", "c4", "c3", "c2"), ids(latest.get(() -> {
            reads.incrementAndGet();
            return List.of();
        })), "newest first, at most 4");
        assertEquals(1, reads.get(), "read from the store once");
    }

    @Test
    void bookingsBeforeTheFirstReadAreLeftToTheStore() {
        LatestCandidates latest = new LatestCandidates(4);
        latest.booked(List.of(candidate(1), candidate(2)));
        assertEquals(List.of("c2", "c1"), ids(latest.get(() -> List.of(candidate(2), candidate(1)))),
                "the store has them: not kept twice");
    }

    @Test
    void aBookingThatLandsWhileTheStoreIsReadIsCountedOnce() throws Exception {
        LatestCandidates latest = new LatestCandidates(5);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().start(() -> latest.get(() -> {
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // the read saw the booking of c3 and c4, committed before it
            return List.of(candidate(4), candidate(3), candidate(2), candidate(1));
        }));
        reading.await();
        Thread booker = Thread.ofVirtual().start(() -> latest.booked(List.of(candidate(3), candidate(4))));
        release.countDown();
        reader.join();
        booker.join();
        assertEquals(List.of("c4", "c3", "c2", "c1"), ids(latest.get(List::of)));
        latest.booked(List.of(candidate(5)));
        assertEquals(List.of("c5", "c4", "c3", "c2", "c1"), ids(latest.get(List::of)));
    }
}
