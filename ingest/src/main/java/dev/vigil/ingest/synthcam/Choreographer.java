package dev.vigil.ingest.synthcam;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes actor scripts: turns (kind, behaviour, side, lane) into legs with exact frame counts, drawing
 * spots and pauses from the given random generator (so a seed always yields the same scripts).
 */
final class Choreographer {

    private final double fps;
    private final int width;
    private final int height;
    private final Backdrop backdrop;

    Choreographer(double fps, int width, int height, Backdrop backdrop) {
        this.fps = fps;
        this.width = width;
        this.height = height;
        this.backdrop = backdrop;
    }

    /** Pixels per second at scale 1. */
    static double speed(ActorKind kind) {
        return switch (kind) {
            case PERSON -> 45;
            case DOG -> 75;
            case BICYCLE -> 110;
            case CAR -> 150;
            case BOX -> 0;
        };
    }

    /** Feet height for a random lane on the ground, and the scale that depth gives it. */
    double[] lane(SplittableRandom r) {
        double top = backdrop.horizon + height * 0.16;
        double bottom = height * 0.985;
        double y = top + (bottom - top) * r.nextDouble();
        double depth = (y - top) / (bottom - top);
        return new double[] {y, (height / 256.0) * (0.85 + 0.3 * depth)};
    }

    /** The lane in front of the door. */
    double[] doorLane() {
        return new double[] {backdrop.horizon + height * 0.04, (height / 256.0) * 0.8};
    }

    /** The script of one visit; {@code fromLeft} is the side it comes in from. */
    List<Leg> script(ActorKind kind, Behaviour behaviour, boolean fromLeft, double y, double scale,
                     SplittableRandom r) {
        double half = ActorShapes.width(kind) * scale / 2;
        double start = fromLeft ? -half * 0.8 : width + half * 0.8;
        double end = fromLeft ? width + half * 0.8 : -half * 0.8;
        double v = speed(kind) * scale / fps; // pixels per frame
        ActorAction enters = fromLeft ? ActorAction.ENTERS_LEFT : ActorAction.ENTERS_RIGHT;
        List<Leg> legs = new ArrayList<>();
        switch (behaviour) {
            case CROSS -> {
                double mid = width / 2.0;
                legs.add(Leg.move(frames(Math.abs(mid - start), v), start, y, mid, y, enters));
                legs.add(Leg.move(frames(Math.abs(end - mid), v), mid, y, end, y, ActorAction.CROSSES));
            }
            case STOP -> {
                double spot = width * (0.25 + 0.5 * r.nextDouble());
                legs.add(Leg.move(frames(Math.abs(spot - start), v), start, y, spot, y, enters));
                legs.add(Leg.hold(seconds(3 + 6 * r.nextDouble()), spot, y, ActorAction.STOPS, Leg.Effect.NONE));
                legs.add(Leg.move(frames(Math.abs(end - spot), v), spot, y, end, y, null));
            }
            case LOITER -> {
                double spot = width * (0.3 + 0.4 * r.nextDouble());
                legs.add(Leg.move(frames(Math.abs(spot - start), v), start, y, spot, y, enters));
                double at = spot;
                int turns = 4 + r.nextInt(3);
                ActorAction first = ActorAction.LOITERS;
                for (int i = 0; i < turns; i++) {
                    double to = spot + (i % 2 == 0 ? 1 : -1) * (15 + 30 * r.nextDouble()) * scale;
                    legs.add(Leg.move(frames(Math.abs(to - at), v * 0.5), at, y, to, y, first));
                    legs.add(Leg.hold(seconds(0.5 + 1.5 * r.nextDouble()), to, y, null, Leg.Effect.NONE));
                    first = null;
                    at = to;
                }
                double exit = r.nextBoolean() ? start : end;
                legs.add(Leg.move(frames(Math.abs(exit - at), v), at, y, exit, y, null));
            }
            case DROP -> {
                double spot = width * (0.25 + 0.5 * r.nextDouble());
                legs.add(Leg.move(frames(Math.abs(spot - start), v), start, y, spot, y, enters));
                legs.add(Leg.hold(seconds(1), spot, y, null, Leg.Effect.NONE));
                legs.add(Leg.hold(seconds(1.5), spot, y, null, Leg.Effect.DROP_BOX));
                legs.add(Leg.move(frames(Math.abs(end - spot), v), spot, y, end, y, null));
            }
            case DOOR -> {
                double door = backdrop.door.x() + backdrop.door.w() / 2.0;
                legs.add(Leg.move(frames(Math.abs(door - start), v), start, y, door, y, enters));
                legs.add(Leg.hold(seconds(0.6), door, y, ActorAction.DOOR_OPENS, Leg.Effect.OPEN_DOOR));
                legs.add(Leg.move(seconds(0.8), door, y, door, y - 6 * scale, null));
                legs.add(Leg.hold(seconds(1.0), door, y, ActorAction.LEAVES, Leg.Effect.HIDE));
                legs.add(Leg.hold(1, door, y, ActorAction.DOOR_CLOSES, Leg.Effect.CLOSE_DOOR));
                return legs; // gone through the door: no LEAVES at the edge
            }
        }
        Leg last = legs.get(legs.size() - 1);
        legs.add(Leg.hold(1, last.x1(), last.y1(), ActorAction.LEAVES, Leg.Effect.NONE));
        return legs;
    }

    /** The script of a dropped box: it stays a while, then is taken away. */
    List<Leg> boxScript(double x, double y, SplittableRandom r) {
        int stay = seconds(30 + 60 * r.nextDouble());
        return List.of(Leg.hold(stay, x, y, ActorAction.DROPS_OBJECT, Leg.Effect.NONE),
                Leg.hold(1, x, y, ActorAction.LEAVES, Leg.Effect.HIDE));
    }

    /** Frames from the start of the script to the start of the first leg with {@code action} (or effect). */
    static int lead(List<Leg> legs, ActorAction action) {
        int frames = 0;
        for (Leg l : legs) {
            boolean match = l.event() == action
                    || (action == ActorAction.DROPS_OBJECT && l.effect() == Leg.Effect.DROP_BOX);
            if (match) {
                return frames;
            }
            frames += l.frames();
        }
        throw new IllegalArgumentException("script has no " + action);
    }

    int seconds(double s) {
        return Math.max(1, (int) Math.round(s * fps));
    }

    private static int frames(double distance, double perFrame) {
        return Math.max(2, (int) Math.ceil(distance / perFrame) + 1);
    }
}
