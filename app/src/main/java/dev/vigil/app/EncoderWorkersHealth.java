package dev.vigil.app;

import dev.vigil.api.HealthCheck;
import dev.vigil.worker.EncoderWorkers;

/**
 * Component {@code encoder-workers} of {@code /v1/health}: DOWN, naming each worker, when a worker's loop has
 * ended or keeps failing its batches ({@link EncoderWorkers#problem()}).
 */
final class EncoderWorkersHealth implements HealthCheck {
    private final EncoderWorkers workers;

    EncoderWorkersHealth(EncoderWorkers workers) {
        this.workers = workers;
    }

    @Override
    public String name() {
        return "encoder-workers";
    }

    @Override
    public String problem() {
        return workers.problem();
    }
}
