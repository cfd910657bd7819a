package dev.vigil.models.mamba;

/** Bytes that claim to be a {@link MambaState} cannot be read, or belong to a stack of another shape. */
public class MambaStateFormatException extends RuntimeException {
    public MambaStateFormatException(String message) {
        super(message);
    }
}
