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

    Path writeTo(Path dir) {
        return writer.writeTo(dir);
    }
}
