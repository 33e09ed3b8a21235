package dev.skyfleet.catalog.service;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs reactive database work from timers and callbacks on a fresh, safe duplicated Vert.x context, as Hibernate
 * Reactive requires (one session per context, event-loop threads only).
 */
@ApplicationScoped
public class VertxContexts {
    private final Vertx vertx;

    public VertxContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }

    public Vertx vertx() {
        return vertx;
    }
}
