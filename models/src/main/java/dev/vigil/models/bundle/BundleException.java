package dev.vigil.models.bundle;

/** A model bundle folder cannot be used; the message names the file and says what to change. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
