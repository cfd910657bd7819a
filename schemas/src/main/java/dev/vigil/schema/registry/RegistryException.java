package dev.vigil.schema.registry;

/**
 * The schema registry could not be reached or refused a request. The message names the registry URL and,
 * where there is one, the subject, so the operator knows which registry and which contract to look at.
 */
public class RegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    public RegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }

    /** The registry's own error code (e.g. 40401 subject not found, 409 incompatible), or 0. */
    public int errorCode() {
        return errorCode;
    }

    /** Whether the request could be retried with a chance of success (no answer, or a 5xx). */
    public boolean transientFailure() {
        return status == 0 || status >= 500;
    }
}
