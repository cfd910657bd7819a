package dev.vigil.api.watch;

import dev.vigil.tokens.Relevance;
import dev.vigil.topologies.watch.Watch;

import java.time.Instant;
import java.util.List;

/**
 * A watch as the API lists it (without its embedding).
 *
 * @param threshold  the relevance (probability) a clip must reach to fire
 * @param similarity the cosine similarity that relevance is for this watch's model (what the topology compares)
 */
public record WatchView(String id, String question, List<String> cameras, double threshold, double similarity,
                        long cooldownSeconds, String model, String createdBy, String createdAt) {
    static WatchView of(Watch w, Relevance relevance) {
        return new WatchView(w.id(), w.question(), w.cameras().isEmpty() ? List.of("*") : w.cameras(),
                round(relevance.probability(w.threshold())), round(w.threshold()),
                w.cooldownMillis() / 1000, w.modelId(), w.createdBy(), Instant.ofEpochMilli(w.createdAt()).toString());
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
