package dev.vigil.cli.config;

import java.nio.file.Path;

/**
 * Configuration of {@code vigil worker}.
 *
 * @param workerId  stable worker name (fences a previous incarnation with the same name)
 * @param bundle    model bundle folder
 * @param device    {@code cpu} or {@code cuda:N}
 * @param precision fp32, fp16 or bf16; null for the device's default
 * @param batchFrames frame budget per batched forward
 * @param workers   encoder workers in this process, sharing one model; 0 = one per core on CPU (up to the clip
 *                  partitions), one on a GPU
 */
public record WorkerSettings(String workerId, Path bundle, String device, String precision, int batchFrames,
                             int workers) {

    public static WorkerSettings from(ConfigSource source) {
        String bundle = source.string("model.bundle", null);
        if (bundle == null) {
            throw new ConfigException("no model bundle given: pass --bundle DIR or set " + source.describe("model.bundle"));
        }
        return new WorkerSettings(
                source.string("worker.id", "worker-0"),
                Path.of(bundle),
                source.string("model.device", "cpu"),
                source.string("model.precision", null),
                source.integer("worker.batch.frames", 64, 1, 4096),
                source.integer("worker.count", 0, 0, 256));
    }
}
