package dev.vigil.training;

import java.util.List;
import java.util.Map;

/**
 * Where training frames and their ground truth come from. The trainer only sees this interface, so the model
 * module does not depend on the camera module that renders the synthetic world (the CLI wires the two).
 */
public interface TrainingExampleSource {

    /** Every example, in a fixed order: the same source must give the same list on every call and machine. */
    List<TrainingExample> examples();

    /** How the examples are made (seeds, scenes, rates), recorded in {@code bundle.json} so anyone can rebuild them. */
    Map<String, Object> recipe();
}
