package dev.vigil.ingest.synthcam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.vigil.schema.DurationText;

/**
 * The parsed form of {@code synthcam://<seed>?scene=outdoor&fps=10&...} (see {@code docs/synthcam.md}).
 *
 * @param seed     everything (scene details, actors, noise) follows from it
 * @param scene    backdrop
 * @param width    frame width (default 448)
 * @param height   frame height (default 256)
 * @param fps      rendered frames per second of event time (default 10)
 * @param epoch    event time of frame 0; by default chosen so that no frame is ever in the future (see
 *                 {@link #parse(String, Clock)})
 * @param duration length of the scene, or null for endless
 * @param density  random actors per minute on average (default 4)
 * @param realtime true to deliver frames at their rate on the wall clock (default), false as fast as read
 * @param needles  planted events
 */
public record SynthcamSpec(long seed, SceneKind scene, int width, int height, double fps, Instant epoch,
                           Duration duration, double density, boolean realtime, List<Needle> needles) {

    /** How far before "now" a fast scene of known length starts, so that it ends in the past. */
    public static final Duration FAST_MARGIN = Duration.ofMinutes(1);
    /** How far before "now" an endless fast scene starts: it catches up at render speed, then runs in real time. */
    public static final Duration FAST_ENDLESS_LEAD = Duration.ofHours(1);

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

    /** {@link #parse(String, Clock)} on the system clock. */
    public static SynthcamSpec parse(String url) {
        return parse(url, Clock.systemUTC());
    }

    /**
     * Parses a {@code synthcam://} URL; throws {@link IllegalArgumentException} with the reason if it is
     * malformed.
     *
     * <p>Without an {@code epoch} option the scene's event time never runs ahead of {@code clock}, because
     * Kafka brokers reject records timestamped more than an hour in the future (and a clip topology would
     * wait for them): {@code pace=realtime} starts now; {@code pace=fast} with a {@code duration} D starts
     * at {@code now - D - }{@link #FAST_MARGIN}, so the whole scene lies in the past; {@code pace=fast}
     * without a duration starts {@link #FAST_ENDLESS_LEAD} back. Fast starts are truncated to the whole
     * second, so frame times are round. For event times that repeat across runs, give {@code epoch}.
     */
    public static SynthcamSpec parse(String url, Clock clock) {
        String prefix = "synthcam://";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new IllegalArgumentException("not a synthcam URL: " + dev.vigil.ingest.RedactedUrl.redact(url));
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
        Instant epoch = null;
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
                    case "epoch" -> epoch = value.equalsIgnoreCase("now") ? clock.instant().truncatedTo(ChronoUnit.MILLIS)
                            : Instant.parse(value);
                    case "duration" -> duration = DurationText.parse("synthcam duration", value);
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
        if (epoch == null) {
            epoch = defaultEpoch(clock.instant(), realtime, duration);
        }
        return new SynthcamSpec(seed, scene, width, height, fps, epoch, duration, density, realtime, needles);
    }

    /** The start that keeps every frame at or before the wall clock (see {@link #parse(String, Clock)}). */
    static Instant defaultEpoch(Instant now, boolean realtime, Duration duration) {
        if (realtime) {
            return now.truncatedTo(ChronoUnit.MILLIS);
        }
        Duration back = duration == null ? FAST_ENDLESS_LEAD : duration.plus(FAST_MARGIN);
        return now.minus(back).truncatedTo(ChronoUnit.SECONDS);
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
