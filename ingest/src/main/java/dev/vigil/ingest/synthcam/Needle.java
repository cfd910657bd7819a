package dev.vigil.ingest.synthcam;

import java.time.Duration;

import dev.vigil.schema.DurationText;

/**
 * A rare, planted event: at {@code at} after the start, an actor of {@code kind} and {@code colour} does
 * {@code action}. Written {@code 120s:red:car:enters_left}. For {@code drops_object} the kind may be
 * {@code box} (the box has the colour; a person of another colour drops it) or {@code person}.
 * Door actions need a person.
 */
public record Needle(Duration at, ActorColour colour, ActorKind kind, ActorAction action) {

    public Needle {
        boolean personOnly = action == ActorAction.DOOR_OPENS || action == ActorAction.DOOR_CLOSES;
        if (personOnly && kind != ActorKind.PERSON) {
            throw new IllegalArgumentException("door needles need a person: " + kind);
        }
        if (action == ActorAction.DROPS_OBJECT && kind != ActorKind.BOX && kind != ActorKind.PERSON) {
            throw new IllegalArgumentException("only a person drops a box: " + kind);
        }
        if (kind == ActorKind.BOX && action != ActorAction.DROPS_OBJECT) {
            throw new IllegalArgumentException("a box only appears by being dropped");
        }
    }

    /** Parses {@code <time>:<colour>:<kind>:<action>}. */
    public static Needle parse(String s) {
        String[] p = s.split(":");
        if (p.length != 4) {
            throw new IllegalArgumentException("needle must be time:colour:kind:action, got '" + s + "'");
        }
        return new Needle(DurationText.parse("needle time", p[0]), ActorColour.fromWire(p[1]), ActorKind.fromWire(p[2]),
                ActorAction.fromWire(p[3]));
    }
}
