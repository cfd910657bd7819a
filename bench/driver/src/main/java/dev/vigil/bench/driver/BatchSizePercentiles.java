package dev.vigil.bench.driver;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.time.Duration;

/**
 * Makes the worker's batch-size summaries ({@code vigil.worker.batch.clips}, {@code .frames}) keep p50/p95
 * over the whole benchmark run: the worker registers plain summaries (count, total, max), and a filter on the
 * benchmark's registry is the way to ask for more without touching the worker.
 */
final class BatchSizePercentiles implements MeterFilter {
    static final String PREFIX = "vigil.worker.batch.";
    private final Duration window;

    BatchSizePercentiles(Duration window) {
        this.window = window;
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith(PREFIX)) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .percentiles(0.5, 0.95, 0.99)
                .expiry(window)
                .bufferLength(1)
                .build()
                .merge(config);
    }
}
