package dev.vigil.ingest;

import java.time.Clock;
import java.util.Optional;

/** A camera that cannot even be set up (a malformed URL): FAILED from the start, with the reason. */
public final class FailedSource implements CameraSource {

    private final String cameraId;
    private final String description;
    private final CameraStateChannel state;
    private final SourceCounters counters = new SourceCounters();

    /** @param reason why, already free of credentials */
    public FailedSource(String cameraId, String description, String reason, Clock clock) {
        this.cameraId = cameraId;
        this.description = description;
        this.state = new CameraStateChannel(cameraId, clock);
        state.moveTo(CameraState.Phase.FAILED, reason);
    }

    @Override
    public String cameraId() {
        return cameraId;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Optional<SourceFrame> read() {
        return Optional.empty();
    }

    @Override
    public CameraStateChannel stateChannel() {
        return state;
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
