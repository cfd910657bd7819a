package dev.vigil.ingest.synthcam;

import java.util.List;

/** One actor on its script: where it is on the current frame, and which leg it is on. */
final class Actor {

    final int id;
    final ActorKind kind;
    final ActorColour colour;
    /** Pixel scale of its shape (frame size and depth in the scene). */
    final double scale;
    final List<Leg> legs;
    /** Colour of the box it will drop, if its script drops one. */
    final ActorColour dropColour;

    double x;
    double y;
    double travelled;
    int facing = 1;
    boolean hidden;
    private int leg;
    private int frameInLeg;

    Actor(int id, ActorKind kind, ActorColour colour, double scale, List<Leg> legs, ActorColour dropColour) {
        this.id = id;
        this.kind = kind;
        this.colour = colour;
        this.scale = scale;
        this.legs = List.copyOf(legs);
        this.dropColour = dropColour;
        Leg first = this.legs.get(0);
        this.x = first.x0();
        this.y = first.y0();
    }

    /** True once the script is over. */
    boolean finished() {
        return leg >= legs.size();
    }

    /**
     * Moves to this frame's position; returns the leg that starts on this frame (its event and effect
     * apply now), or null.
     */
    Leg advance() {
        Leg l = legs.get(leg);
        Leg starting = frameInLeg == 0 ? l : null;
        double t = l.frames() == 1 ? 1.0 : (double) frameInLeg / (l.frames() - 1);
        double nx = l.x0() + (l.x1() - l.x0()) * t;
        double ny = l.y0() + (l.y1() - l.y0()) * t;
        if (nx != x) {
            facing = nx > x ? 1 : -1;
        }
        travelled += Math.abs(nx - x);
        x = nx;
        y = ny;
        if (++frameInLeg >= l.frames()) {
            leg++;
            frameInLeg = 0;
        }
        return starting;
    }

    /** The actor's bounding box on this frame (unclipped). */
    Box box() {
        double w = ActorShapes.width(kind) * scale;
        double h = ActorShapes.height(kind) * scale;
        return new Box((int) Math.round(x - w / 2), (int) Math.round(y - h), (int) Math.round(w), (int) Math.round(h));
    }
}
