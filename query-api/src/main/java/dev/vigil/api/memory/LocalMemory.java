package dev.vigil.api.memory;

/** Answers a forwarded {@link MemoryRequest} from this instance's own partitions only. */
public interface LocalMemory {
    /** The answer, a value the internal route serialises as JSON. */
    Object answer(MemoryRequest request);
}
