package dev.vigil.models.runtime;

/**
 * Whether this JVM can use the JDK's Vector API ({@code jdk.incubator.vector}, an incubator module in Java 17 that
 * a JVM resolves only when started with {@code --add-modules jdk.incubator.vector}; {@code ./vigil} does).
 *
 * <p>The CPU kernels that use it ({@code VectorSelectiveScan}, {@code SimdGeluTanh}) cannot even initialise
 * without the module, so callers ask here, never there, and fall back to tensor ops.
 */
public final class VectorApi {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorApi() {
    }

    /** Whether the module is in the boot layer. */
    public static boolean available() {
        return AVAILABLE;
    }
}
