package dev.vigil.bench.driver;

import java.util.Map;

/**
 * Peak resident memory (VmRSS) over a run, sampled once a second.
 *
 * @param peakBytesByProcess {@code vigil} (this JVM: ingest, Streams, worker, model) and each child process
 *                           ({@code kafka}, {@code schema-registry}) when the cluster is embedded
 * @param peakTotalBytes     the largest sum over one sample
 */
public record RssPeaks(Map<String, Long> peakBytesByProcess, long peakTotalBytes) {
    public RssPeaks {
        peakBytesByProcess = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(peakBytesByProcess));
    }
}
