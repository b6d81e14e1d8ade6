package dev.seedforge.support.lifecycle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

class ShutdownGateTest {

    @Test
    void aStopWaitsForTheWorkInsideAndLetsNoNewWorkIn() throws Exception {
        ShutdownGate gate = new ShutdownGate();
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Thread tick = new Thread(() -> {
            assertTrue(gate.enter());
            inside.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                gate.exit();
            }
        });
        tick.start();
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        assertTrue(gate.close(Duration.ofSeconds(5)), "the work inside finished within the wait");
        assertTrue(finished.get(), "the stop returned before the work inside had finished");
        assertFalse(gate.enter(), "work started after the stop");
        AtomicBoolean ran = new AtomicBoolean();
        gate.run(() -> ran.set(true));
        assertFalse(ran.get(), "work run after the stop");
        tick.join();
    }

    @Test
    void aStopWaitsNoLongerThanItsBound() {
        ShutdownGate gate = new ShutdownGate();
        AtomicBoolean ran = new AtomicBoolean();
        gate.run(() -> ran.set(true));
        assertTrue(ran.get(), "work run before any stop");
        assertTrue(gate.close(Duration.ofMillis(100)), "work run through the gate left it");
        gate = new ShutdownGate();
        assertTrue(gate.enter());
        long start = System.nanoTime();
        assertFalse(gate.close(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void reactiveWorkHoldsTheStopUntilItEnds() throws Exception {
        ShutdownGate gate = new ShutdownGate();
        Cancellable pending = gate.runReactive(() -> Uni
                .createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))).subscribe().with(done -> {
                });
        long start = System.nanoTime();
        assertTrue(gate.close(Duration.ofSeconds(5)), "the work inside finished within the wait");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250),
                "the stop returned before the reactive work had ended");
        AtomicBoolean ran = new AtomicBoolean();
        gate.runReactive(() -> {
            ran.set(true);
            return Uni.createFrom().voidItem();
        }).await().indefinitely();
        assertFalse(ran.get(), "reactive work run after the stop");

        ShutdownGate failing = new ShutdownGate();
        failing.runReactive(() -> Uni.createFrom().failure(new IllegalStateException("boom")))
                .subscribe().with(done -> {
                }, failure -> {
                });
        assertTrue(failing.close(Duration.ofMillis(200)), "failed work left the gate");
        pending.cancel();
    }
}
