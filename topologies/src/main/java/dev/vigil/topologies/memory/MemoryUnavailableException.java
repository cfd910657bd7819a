package dev.vigil.topologies.memory;

/** TokenMemory cannot answer right now (starting, restoring, rebalancing); the API answers 503 and the client retries. */
public class MemoryUnavailableException extends RuntimeException {
    public MemoryUnavailableException(String message) {
        super(message);
    }
}
