package dev.vigil.training;

import java.util.List;

/**
 * One object visible on a frame, as the camera's ground truth describes it, in the synthetic world's vocabulary
 * ({@code docs/synthcam.md}): kind ({@code car}), colour ({@code red}) and the actions its visit consists of
 * ({@code enters_left}, {@code crosses}, {@code leaves}).
 *
 * <p>Plain strings, because {@code models} must not depend on the module that owns the vocabulary enums.
 *
 * @param kind    actor kind, wire name
 * @param colour  actor colour, wire name
 * @param actions what the actor does during its visit, wire names, in order
 */
public record SceneFact(String kind, String colour, List<String> actions) {

    public SceneFact {
        if (kind == null || kind.isBlank() || colour == null || colour.isBlank()) {
            throw new IllegalArgumentException("a scene fact needs a kind and a colour, got " + kind + "/" + colour);
        }
        actions = List.copyOf(actions);
    }

    /** Whether a caption about {@code kind} and {@code colour} describes this object. */
    public boolean matches(String otherKind, String otherColour) {
        return kind.equals(otherKind) && colour.equals(otherColour);
    }
}
