package dev.vigil.training;

import dev.vigil.models.image.RgbFrame;

import java.util.List;

/**
 * One training frame and what is on it.
 *
 * @param frame the frame, any size (the trainer resizes it like inference does); usually already at model size
 * @param facts every object visible on the frame; empty for an empty scene
 */
public record TrainingExample(RgbFrame frame, List<SceneFact> facts) {

    public TrainingExample {
        facts = List.copyOf(facts);
    }
}
