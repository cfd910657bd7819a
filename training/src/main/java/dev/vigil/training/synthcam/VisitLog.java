package dev.vigil.training.synthcam;

import dev.vigil.ingest.synthcam.ActorAction;
import dev.vigil.ingest.synthcam.GroundTruthEvent;
import dev.vigil.training.SceneFact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds from the ground-truth events which objects are on screen on each frame, and what each object does
 * during its whole visit.
 *
 * <p>An object is on screen from its first event (entering at an edge, or a box being dropped) to its
 * {@code leaves} event inclusive (the last frame it is drawn; a person going through the door is hidden from then
 * on, so the {@code door_closes} that follows is recorded as its action but does not bring it back).
 */
public final class VisitLog {

    /** One object's visit. */
    public record Visit(int objectId, String kind, String colour, List<String> actions, long firstFrame,
                        long lastFrame) {
        /** As the trainer sees it. */
        public SceneFact fact() {
            return new SceneFact(kind, colour, actions);
        }
    }

    private final Map<Integer, Visit> visits = new LinkedHashMap<>();
    private final Map<Integer, List<String>> actions = new LinkedHashMap<>();
    private final Set<Integer> onScreen = new LinkedHashSet<>();
    private final List<int[]> visibleByFrame = new ArrayList<>();

    /** Records frame {@code index}'s events (frames must come in order, from 0) and who is visible on it. */
    public void frame(long index, List<GroundTruthEvent> events) {
        if (index != visibleByFrame.size()) {
            throw new IllegalArgumentException("frames must come in order: expected " + visibleByFrame.size()
                    + ", got " + index);
        }
        List<Integer> leaving = new ArrayList<>();
        for (GroundTruthEvent e : events) {
            int id = e.objectId();
            actions.computeIfAbsent(id, x -> new ArrayList<>()).add(e.action().wireName());
            if (!visits.containsKey(id)) {
                visits.put(id, new Visit(id, e.kind().wireName(), e.colour().wireName(), List.of(), index, -1));
                onScreen.add(id);
            }
            if (e.action() == ActorAction.LEAVES) {
                leaving.add(id);
                Visit v = visits.get(id);
                visits.put(id, new Visit(id, v.kind(), v.colour(), List.of(), v.firstFrame(), index));
            }
        }
        visibleByFrame.add(onScreen.stream().mapToInt(Integer::intValue).toArray());
        leaving.forEach(onScreen::remove);
    }

    /** How many objects are visible on frame {@code index}. */
    public int visibleOn(long index) {
        return visibleByFrame.get(Math.toIntExact(index)).length;
    }

    /** Frames recorded so far. */
    public int frames() {
        return visibleByFrame.size();
    }

    /** Every visit with its complete action list; an object still on screen at the end has lastFrame = last frame. */
    public List<Visit> visits() {
        long last = visibleByFrame.size() - 1;
        List<Visit> out = new ArrayList<>();
        visits.values().forEach(v -> out.add(new Visit(v.objectId(), v.kind(), v.colour(),
                List.copyOf(actions.get(v.objectId())), v.firstFrame(), v.lastFrame() < 0 ? last : v.lastFrame())));
        return out;
    }

    /** The objects visible on frame {@code index}, as facts with their whole visits' actions. */
    public List<SceneFact> factsOn(long index) {
        Map<Integer, Visit> all = new LinkedHashMap<>();
        visits().forEach(v -> all.put(v.objectId(), v));
        List<SceneFact> out = new ArrayList<>();
        for (int id : visibleByFrame.get(Math.toIntExact(index))) {
            out.add(all.get(id).fact());
        }
        return out;
    }
}
