package dev.vigil.training;

import dev.vigil.models.image.RgbFrame;

import java.util.List;

/**
 * One training step's input.
 *
 * @param frames   B frames
 * @param captions C captions
 * @param labels   row-major {@code [B, C]}: +1 where caption j describes an object on frame i, else -1
 */
public record Batch(List<RgbFrame> frames, List<String> captions, float[] labels) {

    public Batch {
        frames = List.copyOf(frames);
        captions = List.copyOf(captions);
        if (labels.length != frames.size() * captions.size()) {
            throw new IllegalArgumentException(frames.size() + " frames x " + captions.size() + " captions need "
                    + frames.size() * captions.size() + " labels, got " + labels.length);
        }
    }
}
