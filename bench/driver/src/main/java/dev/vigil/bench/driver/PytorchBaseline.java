package dev.vigil.bench.driver;

import java.util.List;

/**
 * The plain-PyTorch baseline's result ({@code tools/baseline/siglip_pytorch.py --json}), as far as the report
 * reads it.
 *
 * @param kind      always {@code "pytorch-baseline"}
 * @param arch      model shape name, as {@code vigil bench encoder --arch}
 * @param device    torch device ({@code cuda:0}, {@code cpu})
 * @param precision {@code fp16}, {@code fp32}, …
 * @param batches   one result per batch size
 */
public record PytorchBaseline(String kind, String arch, String device, String precision, List<Batch> batches) {

    /**
     * @param frames          frames per forward
     * @param framesPerSecond frames ÷ median seconds
     */
    public record Batch(int frames, double framesPerSecond) {
    }

    /** frames/s at {@code frames} per forward, NaN where that batch size was not run. */
    double framesPerSecondAt(int frames) {
        return batches == null ? Double.NaN : batches.stream().filter(b -> b.frames() == frames)
                .mapToDouble(Batch::framesPerSecond).findFirst().orElse(Double.NaN);
    }
}
