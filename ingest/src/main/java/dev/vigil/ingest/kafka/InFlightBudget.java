package dev.vigil.ingest.kafka;

/**
 * The running count of one camera's unacknowledged frames against its {@link InFlightLimit}. Taken by the
 * camera's thread before a send, given back by the producer's I/O thread on acknowledgement or failure.
 */
final class InFlightBudget {

    private final InFlightLimit limit;
    private int records;
    private long bytes;

    InFlightBudget(InFlightLimit limit) {
        this.limit = limit;
    }

    /** Reserves room for one record of {@code size} bytes; false (nothing reserved) if the limit is reached. */
    synchronized boolean tryTake(int size) {
        if (records >= limit.records()) {
            return false;
        }
        // A single frame larger than the byte limit may go alone, or it could never go at all.
        if (records > 0 && bytes + size > limit.bytes()) {
            return false;
        }
        records++;
        bytes += size;
        return true;
    }

    /**
     * Reserves room, waiting for acknowledgements to free it (for sources paced by their reader). Gives up, like
     * {@link #tryTake}, when the thread is interrupted (the camera is stopping).
     */
    synchronized boolean take(int size) {
        while (!tryTake(size)) {
            try {
                wait(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Gives back what {@link #tryTake} or {@link #take} reserved. */
    synchronized void giveBack(int size) {
        records--;
        bytes -= size;
        notifyAll();
    }

    /** Bytes in flight now. */
    synchronized long bytes() {
        return bytes;
    }

    /** Records in flight now. */
    synchronized int records() {
        return records;
    }
}
