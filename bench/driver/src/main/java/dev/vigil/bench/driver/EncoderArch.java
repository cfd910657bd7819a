package dev.vigil.bench.driver;

import dev.vigil.models.bundle.SeededBundleWriter;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The model shapes {@code vigil bench encoder --arch} knows, by name. */
enum EncoderArch {
    SIGLIP_B16("siglip-b16", SeededBundleWriter.Shape.siglipB16()),
    SIGLIP_SO400M("siglip-so400m", SeededBundleWriter.Shape.siglipSo400m()),
    SYNTHCAM_TINY("synthcam-tiny", SeededBundleWriter.Shape.synthcamTiny());

    private final String label;
    private final SeededBundleWriter.Shape shape;

    EncoderArch(String label, SeededBundleWriter.Shape shape) {
        this.label = label;
        this.shape = shape;
    }

    String label() {
        return label;
    }

    SeededBundleWriter.Shape shape() {
        return shape;
    }

    static EncoderArch named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown arch '" + name + "': use one of "
                        + Arrays.stream(values()).map(EncoderArch::label).collect(Collectors.joining(", "))));
    }
}
