package dev.vigil.worker;

import java.time.Duration;

/**
 * Settings of one encoder worker.
 *
 * @param workerId         stable name of this worker; its transactional id derives from it, so a restarted
 *                         worker with the same id fences its previous incarnation
 * @param groupId          consumer group shared by all workers
 * @param maxBatchFrames   frame budget of one batched forward across cameras
 * @param maxWait          how long to wait for more clips before encoding a partial batch
 * @param decodeThreads    JPEG decoding threads
 * @param lagBound         clips of consumer lag on a partition beyond which its cameras are encoded with
 *                         test-time temporal sampling instead of falling further behind
 * @param degradedStride   the sampling stride under lag (2 = every second frame)
 * @param keyframeLongest  longest side of the keyframe thumbnail kept with each clip's tokens
 */
public record WorkerConfig(String workerId, String groupId, int maxBatchFrames, Duration maxWait, int decodeThreads,
                           long lagBound, int degradedStride, int keyframeLongest) {
    public WorkerConfig {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("worker id must not be blank");
        }
        if (maxBatchFrames < 1 || decodeThreads < 1 || degradedStride < 1 || lagBound < 1 || keyframeLongest < 16) {
            throw new IllegalArgumentException("worker settings out of range: batch frames, decode threads, stride and "
                    + "lag bound must be >= 1 and the keyframe size >= 16");
        }
    }

    public static WorkerConfig defaults(String workerId) {
        return new WorkerConfig(workerId, "vigil-encoder-workers", 64, Duration.ofMillis(200),
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 50, 2, 160);
    }

    /** The same settings under another worker id (the workers of one process differ only there). */
    public WorkerConfig withWorkerId(String id) {
        return new WorkerConfig(id, groupId, maxBatchFrames, maxWait, decodeThreads, lagBound, degradedStride,
                keyframeLongest);
    }

    /**
     * The same settings with another lag bound; {@link Long#MAX_VALUE} turns test-time sampling off, for
     * replays that are meant to outrun the encoder (a benchmark's haystack) and must still encode every frame.
     */
    public WorkerConfig withLagBound(long bound) {
        return new WorkerConfig(workerId, groupId, maxBatchFrames, maxWait, decodeThreads, bound, degradedStride,
                keyframeLongest);
    }

    /** The producer's transactional id. */
    public String transactionalId() {
        return "vigil-encoder-" + workerId;
    }
}
