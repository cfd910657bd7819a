package dev.vigil.bench.driver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the resident memory of this JVM and of the child processes it started (the embedded broker and
 * registry) once a second, keeping each one's peak and the peak of their sum.
 */
final class ResourceSampler implements AutoCloseable {
    private final ProcessMemory memory;
    private final Map<String, Long> children;
    private final ScheduledExecutorService timer;
    private final Map<String, Long> peaks = new LinkedHashMap<>();
    private long totalPeak;

    /** @param children name → pid of each child process to include */
    ResourceSampler(ProcessMemory memory, Map<String, Long> children) {
        this.memory = memory;
        this.children = Map.copyOf(children);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-rss-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        long total = 0;
        long self = memory.selfRssBytes().orElse(0);
        peaks.merge("vigil", self, Math::max);
        total += self;
        for (Map.Entry<String, Long> child : children.entrySet()) {
            long rss = memory.rssBytes(child.getValue()).orElse(0);
            peaks.merge(child.getKey(), rss, Math::max);
            total += rss;
        }
        totalPeak = Math.max(totalPeak, total);
    }

    /** Peak resident bytes so far, per process and in total. */
    synchronized RssPeaks peaks() {
        sample();
        return new RssPeaks(new LinkedHashMap<>(peaks), totalPeak);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
