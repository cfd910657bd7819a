package dev.vigil.models.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model runs and in which precision, as configured ({@code cpu}, {@code cuda:0}; {@code fp32},
 * {@code fp16}, {@code bf16}).
 *
 * <p>CPU runs in fp32 only: half-precision matrix products on CPU are slow or missing in PyTorch, so asking for
 * them is a configuration error rather than a silent slowdown.
 *
 * @param device {@code cpu} or {@code cuda:N}
 * @param precision weights and activations type
 */
public record DeviceSpec(String device, Precision precision) {

    private static final Pattern CUDA = Pattern.compile("(?:cuda|gpu)(?::(\\d+))?");

    public DeviceSpec {
        device = device.trim().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !CUDA.matcher(device).matches()) {
            throw new IllegalArgumentException("unknown device '" + device + "': use cpu or cuda:N (e.g. cuda:0)");
        }
        if (device.equals("cpu") && precision != Precision.FP32) {
            throw new IllegalArgumentException("precision " + precision + " is not supported on cpu: use fp32 on cpu,"
                    + " or fp16/bf16 with a cuda device");
        }
    }

    /** fp32 on the CPU: the default for tests and machines without a GPU. */
    public static DeviceSpec cpu() {
        return new DeviceSpec("cpu", Precision.FP32);
    }

    /**
     * Parses a device and an optional precision; without one, CPU gets fp32 and a GPU fp16 (supported by
     * every CUDA GPU, unlike bf16).
     */
    public static DeviceSpec parse(String device, String precisionOrNull) {
        String d = device.trim().toLowerCase(Locale.ROOT);
        Precision p = precisionOrNull == null || precisionOrNull.isBlank()
                ? (d.equals("cpu") ? Precision.FP32 : Precision.FP16)
                : Precision.parse(precisionOrNull);
        return new DeviceSpec(d, p);
    }

    /** Whether this is a GPU. */
    public boolean isGpu() {
        return !device.equals("cpu");
    }

    /**
     * The DJL device, after checking the engine can reach it.
     *
     * @throws IllegalStateException if a GPU is asked for but the engine sees none (CPU-only natives, no driver)
     */
    public Device resolve(Engine engine) {
        if (!isGpu()) {
            return Device.cpu();
        }
        Matcher m = CUDA.matcher(device);
        m.matches();
        int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        int gpus = engine.getGpuCount();
        if (index >= gpus) {
            throw new IllegalStateException("device " + device + " was requested but the " + engine.getEngineName()
                    + " engine sees " + gpus + " GPU(s); put the CUDA natives on the classpath (see docs/gpu.md)"
                    + " or configure device cpu");
        }
        return Device.gpu(index);
    }
}
