package dev.vigil.ingest.synthcam;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Runs the synthetic world frame by frame: brings actors in (at random, and the planted needles at their
 * times), moves them along their scripts, applies door and drop effects, and reports each ground-truth
 * event on the frame it happens. Everything is drawn from generators seeded by the camera seed; random
 * visitors and needles use separate generators, so planting a needle does not reshuffle the rest.
 */
final class Director {

    private static final int MAX_VISITORS = 3;
    private static final ActorKind[] VISITOR_KINDS = {
        ActorKind.PERSON, ActorKind.PERSON, ActorKind.CAR, ActorKind.BICYCLE, ActorKind.DOG};

    private final SynthcamSpec spec;
    private final Backdrop backdrop;
    private final Choreographer choreographer;
    private final SplittableRandom visitors;
    private final SplittableRandom planted;
    private final List<Actor> actors = new ArrayList<>();
    private final PriorityQueue<Planned> needles = new PriorityQueue<>(
            Comparator.comparingLong(Planned::spawnFrame).thenComparingInt(Planned::order));
    private int nextId = 1;
    private long nextVisitorFrame;
    private boolean doorOpen;

    private record Planned(long spawnFrame, int order, Needle needle, ActorKind kind, ActorColour colour,
                           ActorColour dropColour, List<Leg> legs, double scale) {
    }

    Director(SynthcamSpec spec, Backdrop backdrop) {
        this.spec = spec;
        this.backdrop = backdrop;
        this.choreographer = new Choreographer(spec.fps(), spec.width(), spec.height(), backdrop);
        this.visitors = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 1);
        this.planted = new SplittableRandom(spec.seed() * 0xC2B2AE3D27D4EB4FL + 2);
        this.nextVisitorFrame = choreographer.seconds(1 + 3 * visitors.nextDouble());
        int order = 0;
        for (Needle n : spec.needles()) {
            needles.add(plan(n, order++));
        }
    }

    /** Whether the door is open on the current frame. */
    boolean doorOpen() {
        return doorOpen;
    }

    /** The actors on stage, in drawing order (far first). */
    List<Actor> onStage() {
        List<Actor> sorted = new ArrayList<>(actors);
        sorted.sort(Comparator.comparingDouble((Actor a) -> a.y).thenComparingInt(a -> a.id));
        return sorted;
    }

    /** Advances the world to frame {@code frame} (called for 0, 1, 2, ...) and returns what happened on it. */
    List<GroundTruthEvent> step(long frame) {
        List<GroundTruthEvent> events = new ArrayList<>();
        while (!needles.isEmpty() && needles.peek().spawnFrame() <= frame) {
            Planned p = needles.poll();
            actors.add(new Actor(nextId++, p.kind(), p.colour(), p.scale(), p.legs(), p.dropColour()));
        }
        if (spec.density() > 0 && frame >= nextVisitorFrame) {
            if (movingActors() < MAX_VISITORS) {
                actors.add(visitor());
            }
            double meanGap = 60.0 / spec.density();
            double gap = Math.max(1.0, -Math.log(1 - visitors.nextDouble()) * meanGap);
            nextVisitorFrame = frame + choreographer.seconds(gap);
        }
        for (int i = 0; i < actors.size(); i++) { // the list may grow (dropped boxes) while we walk it
            Actor a = actors.get(i);
            Leg started = a.advance();
            if (started == null) {
                continue;
            }
            Box box = a.box();
            switch (started.effect()) {
                case OPEN_DOOR -> {
                    doorOpen = true;
                    box = backdrop.door;
                }
                case CLOSE_DOOR -> {
                    doorOpen = false;
                    box = backdrop.door;
                }
                case HIDE -> a.hidden = true;
                case DROP_BOX -> {
                    double bx = a.x + a.facing * 30 * a.scale;
                    actors.add(new Actor(nextId++, ActorKind.BOX, a.dropColour, a.scale,
                            choreographer.boxScript(bx, a.y, new SplittableRandom(spec.seed() * 31 + nextId)), null));
                }
                case NONE -> { }
            }
            if (started.event() != null) {
                events.add(new GroundTruthEvent(spec.timeOf(frame), frame, a.id, a.kind, a.colour, started.event(),
                        box.clip(spec.width(), spec.height())));
            }
        }
        actors.removeIf(Actor::finished);
        return events;
    }

    private long movingActors() {
        return actors.stream().filter(a -> a.kind != ActorKind.BOX).count();
    }

    private boolean doorBusy() {
        return doorOpen || actors.stream().anyMatch(a -> a.legs.stream().anyMatch(l -> l.effect() == Leg.Effect.OPEN_DOOR));
    }

    private Actor visitor() {
        SplittableRandom r = visitors;
        ActorKind kind = VISITOR_KINDS[r.nextInt(VISITOR_KINDS.length)];
        if (kind == ActorKind.CAR && spec.scene() == SceneKind.INDOOR) {
            kind = ActorKind.PERSON; // no cars indoors unless a needle asks for one
        }
        ActorColour colour = ActorColour.values()[r.nextInt(ActorColour.values().length)];
        Behaviour b = behaviour(kind, r);
        if (b == Behaviour.DOOR && doorBusy()) {
            b = Behaviour.CROSS;
        }
        boolean fromLeft = r.nextBoolean();
        double[] lane = b == Behaviour.DOOR ? choreographer.doorLane() : choreographer.lane(r);
        List<Leg> legs = choreographer.script(kind, b, fromLeft, lane[0], lane[1], r);
        ActorColour drop = b == Behaviour.DROP ? ActorColour.values()[r.nextInt(ActorColour.values().length)] : null;
        return new Actor(nextId++, kind, colour, lane[1], legs, drop);
    }

    private static Behaviour behaviour(ActorKind kind, SplittableRandom r) {
        int roll = r.nextInt(100);
        return switch (kind) {
            case PERSON -> roll < 30 ? Behaviour.CROSS : roll < 50 ? Behaviour.STOP : roll < 70 ? Behaviour.LOITER
                    : roll < 85 ? Behaviour.DROP : Behaviour.DOOR;
            case CAR, BICYCLE -> roll < 70 ? Behaviour.CROSS : Behaviour.STOP;
            case DOG -> roll < 40 ? Behaviour.CROSS : roll < 75 ? Behaviour.LOITER : Behaviour.STOP;
            case BOX -> throw new IllegalArgumentException("boxes are dropped, not visitors");
        };
    }

    /** Makes a needle's script now and works back from its action's frame to the frame it must appear. */
    private Planned plan(Needle n, int order) {
        SplittableRandom r = planted;
        ActorKind kind = n.kind() == ActorKind.BOX ? ActorKind.PERSON : n.kind();
        ActorColour colour = n.kind() == ActorKind.BOX
                ? ActorColour.values()[r.nextInt(ActorColour.values().length)] : n.colour();
        ActorColour drop = null;
        Behaviour b;
        boolean fromLeft = r.nextBoolean();
        switch (n.action()) {
            case ENTERS_LEFT -> { b = Behaviour.CROSS; fromLeft = true; }
            case ENTERS_RIGHT -> { b = Behaviour.CROSS; fromLeft = false; }
            case CROSSES, LEAVES -> b = Behaviour.CROSS;
            case STOPS -> b = Behaviour.STOP;
            case LOITERS -> b = Behaviour.LOITER;
            case DROPS_OBJECT -> {
                b = Behaviour.DROP;
                drop = n.kind() == ActorKind.BOX ? n.colour() : ActorColour.values()[r.nextInt(6)];
            }
            case DOOR_OPENS, DOOR_CLOSES -> b = Behaviour.DOOR;
            default -> throw new IllegalArgumentException("unsupported needle action " + n.action());
        }
        double[] lane = b == Behaviour.DOOR ? choreographer.doorLane() : choreographer.lane(r);
        List<Leg> legs = choreographer.script(kind, b, fromLeft, lane[0], lane[1], r);
        long target = spec.frameAt(n.at());
        long spawn = target - Choreographer.lead(legs, n.action());
        if (spawn < 0) {
            throw new IllegalArgumentException("needle " + n.action().wireName() + " at " + fmt(n.at())
                    + " is too early: the actor needs " + fmt(Duration.ofNanos((long) ((target - spawn) * 1e9 / spec.fps())))
                    + " to get there");
        }
        return new Planned(spawn, order, n, kind, colour, drop, legs, lane[1]);
    }

    private static String fmt(Duration d) {
        return d.toMillis() / 1000.0 + "s";
    }
}
