package dev.vigil.models.clip;

import dev.vigil.models.bundle.SeededBundleWriter;

import java.nio.file.Path;

/** The clip-encoder tests' bundle: {@link SeededBundleWriter.Shape#tiny()} with its dimensions named for the tests. */
final class TinyClipBundle {
    static final SeededBundleWriter.Shape SHAPE = SeededBundleWriter.Shape.tiny();
    static final int IMAGE = SHAPE.image();
    static final int PATCH = SHAPE.patch();
    static final int PATCHES = SHAPE.patches();
    static final int HIDDEN = SHAPE.hidden();
    static final int TOKENS_PER_FRAME = SHAPE.tokensPerFrame();
    static final int PROJECTION = 8;

    private final SeededBundleWriter writer;

    TinyClipBundle(long seed) {
        this.writer = new SeededBundleWriter(SHAPE, seed);
    }

    TinyClipBundle temporalLayers(int layers) {
        writer.temporalLayers(layers);
        return this;
    }

    TinyClipBundle dState(int n) {
        writer.dState(n);
        return this;
    }

    TinyClipBundle withReadout() {
        writer.withReadout();
        return this;
    }

    TinyClipBundle withText() {
        writer.withText();
        return this;
    }

    /** {@code count} frames of random pixels at the bundle's image size, the same for the same seed. */
    static java.util.List<dev.vigil.models.image.RgbFrame> randomFrames(long seed, int count) {
        java.util.Random random = new java.util.Random(seed);
        java.util.List<dev.vigil.models.image.RgbFrame> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] rgb = new byte[IMAGE * IMAGE * 3];
            random.nextBytes(rgb);
            out.add(new dev.vigil.models.image.RgbFrame(IMAGE, IMAGE, rgb));
        }
        return out;
    }

    Path writeTo(Path dir) {
        return writer.writeTo(dir);
    }
}
