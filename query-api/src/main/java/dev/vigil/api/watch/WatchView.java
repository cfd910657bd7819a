package dev.vigil.api.watch;

import dev.vigil.topologies.watch.Watch;

import java.time.Instant;
import java.util.List;

/** A watch as the API lists it (without its embedding). */
public record WatchView(String id, String question, List<String> cameras, double threshold, long cooldownSeconds,
                        String model, String createdBy, String createdAt) {
    static WatchView of(Watch w) {
        return new WatchView(w.id(), w.question(), w.cameras().isEmpty() ? List.of("*") : w.cameras(), w.threshold(),
                w.cooldownMillis() / 1000, w.modelId(), w.createdBy(), Instant.ofEpochMilli(w.createdAt()).toString());
    }
}
