package dev.seedforge.support.lifecycle;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Lets a service's scheduled work finish before its database pool closes. A tick that began just before a stop would
 * otherwise commit on a closing pool, and Hibernate Reactive logs that as an error ("Connection is not active now").
 * Ticks {@link #enter()} and {@link #exit()}; the stop lets no new one in and waits for those inside, at most
 * {@link #WAIT}.
 */
@ApplicationScoped
public class ShutdownGate {

    static final Duration WAIT = Duration.ofSeconds(10);

    private int inside;
    private boolean closed;

    /** Whether the work may start; when true, {@link #exit()} must follow. */
    public synchronized boolean enter() {
        if (closed) {
            return false;
        }
        inside++;
        return true;
    }

    public synchronized void exit() {
        inside--;
        notifyAll();
    }

    /** Runs {@code work} inside the gate; skips it once the service is stopping. */
    public void run(Runnable work) {
        if (!enter()) {
            return;
        }
        try {
            work.run();
        } finally {
            exit();
        }
    }

    /** Runs reactive {@code work} inside the gate until it ends, however it ends; skips it once the service is stopping. */
    public Uni<Void> runReactive(Supplier<Uni<Void>> work) {
        if (!enter()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void> deferred(work::get).onTermination().invoke(this::exit);
    }

    void onStop(@Observes ShutdownEvent stop) {
        close(WAIT);
    }

    /** Lets no new work in and waits up to {@code wait} for the work inside; whether it all finished. */
    public synchronized boolean close(Duration wait) {
        closed = true;
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (inside > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
