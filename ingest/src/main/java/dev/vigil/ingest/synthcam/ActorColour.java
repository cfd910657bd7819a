package dev.vigil.ingest.synthcam;

import java.util.Locale;

/** Actor colours: pure, saturated values so that colour is unambiguous in pixels. */
public enum ActorColour {
    RED(0xFF0000),
    GREEN(0x00C800),
    BLUE(0x0000FF),
    YELLOW(0xFFFF00),
    WHITE(0xFFFFFF),
    BLACK(0x000000);

    private final int rgb;

    ActorColour(int rgb) {
        this.rgb = rgb;
    }

    /** Packed 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    /** The name used in event logs and URLs ({@code red}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #wireName()}. */
    public static ActorColour fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
