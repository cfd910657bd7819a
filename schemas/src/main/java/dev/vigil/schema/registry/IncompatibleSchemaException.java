package dev.vigil.schema.registry;

/** The registry refused a schema because it breaks the subject's compatibility rule. */
public class IncompatibleSchemaException extends RegistryException {
    public IncompatibleSchemaException(String message, int status, int errorCode) {
        super(message, status, errorCode, null);
    }
}
