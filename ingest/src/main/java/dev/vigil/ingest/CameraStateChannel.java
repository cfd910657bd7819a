package dev.vigil.ingest;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observable current {@link CameraState} of one source: sources publish transitions here,
 * anyone may read the current value or subscribe. Listeners run on the publishing (reader) thread and
 * must be quick; an exception from a listener is logged and does not reach the source loop.
 */
public final class CameraStateChannel {

    private static final Logger log = LoggerFactory.getLogger(CameraStateChannel.class);

    private final String cameraId;
    private final Clock clock;
    private final List<Consumer<CameraState>> listeners = new CopyOnWriteArrayList<>();
    private volatile CameraState current;

    /** Starts in {@link CameraState.Phase#CONNECTING}. */
    public CameraStateChannel(String cameraId, Clock clock) {
        this.cameraId = cameraId;
        this.clock = clock;
        this.current = CameraState.connecting(clock.instant());
    }

    /** The current state. */
    public CameraState current() {
        return current;
    }

    /** Calls {@code listener} on every later change. */
    public void subscribe(Consumer<CameraState> listener) {
        listeners.add(listener);
    }

    /** Moves to {@code phase}; logs and notifies only when the phase actually changes. */
    public void moveTo(CameraState.Phase phase, String error) {
        CameraState before = current;
        if (before.phase() == phase && (error == null || error.equals(before.lastError()))) {
            return;
        }
        publish(before.to(phase, error, clock.instant()));
    }

    /** Sets or clears the frozen flag. */
    public void markFrozen(boolean frozen) {
        if (current.frozen() != frozen) {
            publish(current.withFrozen(frozen, clock.instant()));
        }
    }

    private void publish(CameraState next) {
        current = next;
        if (next.lastError() != null && next.phase() != CameraState.Phase.LIVE) {
            log.info("camera {} -> {}{} ({})", cameraId, next.phase(), next.frozen() ? " frozen" : "", next.lastError());
        } else {
            log.info("camera {} -> {}{}", cameraId, next.phase(), next.frozen() ? " frozen" : "");
        }
        for (Consumer<CameraState> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.warn("camera {} state listener failed", cameraId, e);
            }
        }
    }
}
