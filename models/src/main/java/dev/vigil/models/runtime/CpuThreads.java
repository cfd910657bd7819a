package dev.vigil.models.runtime;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How the CPU cores are shared between model-running threads: {@code workers} threads that each call the model,
 * each given {@code threadsPerCall} intra-op threads by PyTorch.
 *
 * <p>Why several single-threaded callers rather than one caller with every core: vigil's clip encoder issues
 * many small tensor ops (the Mamba scan steps, merging), which PyTorch does not split across cores, so one
 * caller leaves cores idle between its parallel matrix products. Measured on 2 cores (synthcam-tiny, 16-clip
 * batches): one caller with 2 threads 118 frames/s, one caller with 1 thread 74 frames/s.
 *
 * @param workers        model-calling threads (encoder workers)
 * @param threadsPerCall PyTorch intra-op threads for each call
 */
public record CpuThreads(int workers, int threadsPerCall) {
    public CpuThreads {
        if (workers < 1 || threadsPerCall < 1) {
            throw new IllegalArgumentException("need at least one worker and one thread per call, got " + workers
                    + " workers x " + threadsPerCall + " threads");
        }
    }

    /**
     * One worker per core, up to {@code maxWorkers} (e.g. the partitions they share), the cores split evenly
     * between them.
     */
    public static CpuThreads forCores(int cores, int maxWorkers) {
        int workers = Math.max(1, Math.min(cores, maxWorkers));
        return new CpuThreads(workers, Math.max(1, cores / workers));
    }

    /**
     * Sets PyTorch's intra-op thread count for the whole process (PyTorch has one such setting); starts the
     * engine if it has not started yet.
     */
    public void applyToPyTorch() {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threadsPerCall);
    }
}
