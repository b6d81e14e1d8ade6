package dev.seedforge.support.reactive;

import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The one bridge of every service from its worker threads (Kafka consumers, the generator's call threads) to reactive
 * persistence (Hibernate Reactive / Panache): runs the step on a Vert.x context, as reactive persistence requires, and
 * waits for it. Never call it on an event-loop thread.
 */
public final class Blocking {

    private Blocking() {
    }

    public static <T> T await(Supplier<Uni<T>> step) {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
