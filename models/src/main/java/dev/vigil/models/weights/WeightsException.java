package dev.vigil.models.weights;

/** A model's weights cannot be used: missing tensor, wrong shape or dtype, unreadable file. */
public class WeightsException extends RuntimeException {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
