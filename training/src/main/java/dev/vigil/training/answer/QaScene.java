package dev.vigil.training.answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One question-answering scene: the outdoor synthcam scene (cars, people, bicycles, dogs) at 2 fps, with random
 * visitors and {@link #PLANTED} planted objects of distinct kind and colour spread over its length, so that most
 * of what is asked about appears once. {@code vigil bench qa} asks about held-out seeds (910000 on) and
 * {@code vigil train answer} trains on the same recipe with other seeds (2000 on); the other trainers render
 * 1000..1059 and their held-out evaluation 900000..900003.
 *
 * @param seed    the synthcam seed
 * @param seconds the scene's length
 * @param density random visitors per minute
 */
public record QaScene(long seed, int seconds, double density) {
    /** Objects planted per scene. */
    public static final int PLANTED = 6;
    /** What can be asked about. */
    public static final List<String> KINDS = List.of("car", "person", "bicycle", "dog");
    /** Their colours. */
    public static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "white", "black");
    private static final List<String> ACTIONS = List.of("enters_left", "enters_right", "crosses", "stops", "loiters");
    /** Frames per second of every scene. */
    public static final double FPS = 2;

    public QaScene {
        if (seconds < 30) {
            throw new IllegalArgumentException("a QA scene needs at least 30 s, got " + seconds);
        }
    }

    /** Frames in the scene. */
    public int frames() {
        return (int) (seconds * FPS);
    }

    /** The synthcam URL, first frame at {@code epoch}. */
    public String url(Instant epoch) {
        Random random = new Random(seed);
        List<String> pairs = new ArrayList<>();
        for (String kind : KINDS) {
            for (String colour : COLOURS) {
                pairs.add(colour + ":" + kind);
            }
        }
        Collections.shuffle(pairs, random);
        List<String> needles = new ArrayList<>();
        for (int i = 0; i < PLANTED; i++) {
            double at = (i + 0.5) * seconds / PLANTED;
            needles.add(String.format(Locale.ROOT, "%.1fs:%s:%s", at, pairs.get(i), ACTIONS.get(random.nextInt(ACTIONS.size()))));
        }
        return "synthcam://" + seed + "?scene=outdoor&fps=" + FPS + "&duration=" + seconds + "s&density=" + density
                + "&pace=fast&epoch=" + epoch + "&needle=" + String.join(",", needles);
    }
}
