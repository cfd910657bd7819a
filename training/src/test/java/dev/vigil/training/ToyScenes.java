package dev.vigil.training;

import dev.vigil.models.image.RgbFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny training data for tests: a coloured square (a "box") or bar (a "car") on a grey, noisy background. */
final class ToyScenes {

    private static final Map<String, int[]> COLOURS = Map.of(
            "red", new int[] {255, 0, 0}, "blue", new int[] {0, 0, 255}, "yellow", new int[] {255, 255, 0});

    private ToyScenes() {}

    static List<TrainingExample> examples(int size, int count, long seed) {
        Random random = new Random(seed);
        List<String> colours = List.of("red", "blue", "yellow");
        List<TrainingExample> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            byte[] rgb = new byte[size * size * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) (120 + random.nextInt(16));
            }
            String kind = random.nextBoolean() ? "box" : "car";
            String colour = colours.get(random.nextInt(colours.size()));
            int w = kind.equals("box") ? size / 3 : size / 2;
            int h = kind.equals("box") ? size / 3 : size / 5;
            int x0 = random.nextInt(size - w);
            int y0 = random.nextInt(size - h);
            int[] c = COLOURS.get(colour);
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        rgb[(y * size + x) * 3 + ch] = (byte) c[ch];
                    }
                }
            }
            out.add(new TrainingExample(new RgbFrame(size, size, rgb),
                    List.of(new SceneFact(kind, colour, List.of(kind.equals("box") ? "drops_object" : "crosses")))));
        }
        return out;
    }
}
