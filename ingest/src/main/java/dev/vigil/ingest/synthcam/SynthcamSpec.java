package dev.vigil.ingest.synthcam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The parsed form of {@code synthcam://<seed>?scene=outdoor&fps=10&...} (see {@code docs/synthcam.md}).
 *
 * @param seed     everything (scene details, actors, noise) follows from it
 * @param scene    backdrop
 * @param width    frame width (default 448)
 * @param height   frame height (default 256)
 * @param fps      rendered frames per second of event time (default 10)
 * @param epoch    event time of frame 0 (default 2025-01-01T00:00:00Z)
 * @param duration length of the scene, or null for endless
 * @param density  random actors per minute on average (default 4)
 * @param realtime true to deliver frames at their rate on the wall clock (default), false as fast as read
 * @param needles  planted events
 */
public record SynthcamSpec(long seed, SceneKind scene, int width, int height, double fps, Instant epoch,
                           Duration duration, double density, boolean realtime, List<Needle> needles) {

    /** The default epoch: fixed, so that a seed reproduces event times too. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    public SynthcamSpec {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(epoch, "epoch");
        needles = List.copyOf(needles);
        if (width < 64 || height < 64 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("size must be 64..4096: " + width + "x" + height);
        }
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be in (0, 120]: " + fps);
        }
        if (!(density >= 0 && density <= 60)) {
            throw new IllegalArgumentException("density must be 0..60 actors per minute: " + density);
        }
    }

    /** Parses a {@code synthcam://} URL; throws {@link IllegalArgumentException} with the reason if it is malformed. */
    public static SynthcamSpec parse(String url) {
        String prefix = "synthcam://";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new IllegalArgumentException("not a synthcam URL: " + url);
        }
        String rest = url.substring(prefix.length());
        int q = rest.indexOf('?');
        String seedText = (q < 0 ? rest : rest.substring(0, q)).replaceAll("/+$", "");
        long seed;
        try {
            seed = seedText.isEmpty() ? 0 : Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("synthcam seed must be an integer: '" + seedText + "'");
        }
        SceneKind scene = SceneKind.OUTDOOR;
        int width = 448;
        int height = 256;
        double fps = 10;
        Instant epoch = DEFAULT_EPOCH;
        Duration duration = null;
        double density = 4;
        boolean realtime = true;
        List<Needle> needles = new ArrayList<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "scene" -> scene = SceneKind.valueOf(value.toUpperCase(Locale.ROOT));
                    case "width" -> width = Integer.parseInt(value);
                    case "height" -> height = Integer.parseInt(value);
                    case "fps" -> fps = Double.parseDouble(value);
                    case "epoch" -> epoch = value.equalsIgnoreCase("now") ? Instant.now() : Instant.parse(value);
                    case "duration" -> duration = parseDuration(value);
                    case "density" -> density = Double.parseDouble(value);
                    case "pace" -> realtime = switch (value.toLowerCase(Locale.ROOT)) {
                        case "realtime" -> true;
                        case "fast" -> false;
                        default -> throw new IllegalArgumentException("pace must be realtime or fast: " + value);
                    };
                    case "needle" -> {
                        for (String n : value.split(",")) {
                            needles.add(Needle.parse(n));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown synthcam option '" + key + "'");
                }
            }
        }
        return new SynthcamSpec(seed, scene, width, height, fps, epoch, duration, density, realtime, needles);
    }

    /** Parses {@code 120s}, {@code 1.5s}, {@code 500ms}, {@code 2m}, {@code 1h}, or plain seconds. */
    public static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        double unitNanos = 1e9;
        if (t.endsWith("ms")) {
            unitNanos = 1e6;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unitNanos = 60e9;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unitNanos = 3600e9;
            t = t.substring(0, t.length() - 1);
        }
        double v = Double.parseDouble(t);
        if (v < 0) {
            throw new IllegalArgumentException("negative duration: " + s);
        }
        return Duration.ofNanos(Math.round(v * unitNanos));
    }

    /** The index of the frame shown at {@code offset} after the start. */
    public long frameAt(Duration offset) {
        return Math.round(offset.toNanos() * fps / 1e9);
    }

    /** Event time of frame {@code index}: computed from the index, so it never drifts. */
    public Instant timeOf(long index) {
        return epoch.plusNanos(Math.round(index * (1e9 / fps)));
    }
}
