package dev.seedforge.exporter.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings a Kafka send's outcome back onto the Vert.x context that asked for it. The broker acknowledges on a Kafka
 * client thread, where Hibernate Reactive refuses to run, and callers go on to the database after publishing.
 */
final class CallerContext {

    private CallerContext() {
    }

    static <T> Uni<T> backOnCaller(Uni<T> send) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return send;
        }
        return send.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
