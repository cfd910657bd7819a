package dev.vigil.models.image;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

/**
 * How frames become model input: resize to {@code height x width}, multiply by {@code rescaleFactor}, then
 * {@code (x - mean[c]) / std[c]} per channel, as a Hugging Face {@code preprocessor_config.json} describes.
 *
 * @param height target height in pixels
 * @param width target width in pixels
 * @param resampling resize filter
 * @param rescaleFactor usually 1/255
 * @param mean per-channel mean (RGB)
 * @param std per-channel standard deviation (RGB)
 */
public record ImagePreprocessing(int height, int width, Resampling resampling, double rescaleFactor,
                                 double[] mean, double[] std) {

    public ImagePreprocessing {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("image_mean and image_std need 3 values (RGB), got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (double s : std) {
            if (s <= 0) {
                throw new IllegalArgumentException("image_std must be positive, got " + Arrays.toString(std));
            }
        }
    }

    /** SigLIP's defaults for a square model input: bicubic, 1/255, mean = std = 0.5 (pixels map to [-1, 1]). */
    public static ImagePreprocessing siglipDefaults(int imageSize) {
        return new ImagePreprocessing(imageSize, imageSize, Resampling.BICUBIC, 1.0 / 255.0,
                new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5});
    }

    /**
     * Reads a {@code preprocessor_config.json}; absent fields take SigLIP's defaults for {@code imageSize}.
     * {@code do_resize=false} is refused (the towers need exactly {@code image_size} input), and
     * {@code do_rescale=false} / {@code do_normalize=false} are honoured by using factor 1 / mean 0, std 1.
     */
    public static ImagePreprocessing fromHuggingFace(JsonNode config, int imageSize) {
        ImagePreprocessing d = siglipDefaults(imageSize);
        if (!config.path("do_resize").asBoolean(true)) {
            throw new IllegalArgumentException("preprocessor_config.json sets do_resize=false; vigil needs frames"
                    + " resized to the model's image_size (" + imageSize + ")");
        }
        int height = d.height;
        int width = d.width;
        JsonNode size = config.get("size");
        if (size != null && size.isInt()) {
            height = width = size.asInt();
        } else if (size != null && size.has("height")) {
            height = size.get("height").asInt();
            width = size.path("width").asInt(height);
        } else if (size != null && size.has("shortest_edge")) {
            height = width = size.get("shortest_edge").asInt();
        }
        Resampling resampling = config.has("resample")
                ? Resampling.fromPillowCode(config.get("resample").asInt()) : d.resampling;
        double rescale = config.path("do_rescale").asBoolean(true)
                ? config.path("rescale_factor").asDouble(d.rescaleFactor) : 1.0;
        boolean normalize = config.path("do_normalize").asBoolean(true);
        double[] mean = normalize ? triple(config.get("image_mean"), d.mean) : new double[] {0, 0, 0};
        double[] std = normalize ? triple(config.get("image_std"), d.std) : new double[] {1, 1, 1};
        return new ImagePreprocessing(height, width, resampling, rescale, mean, std);
    }

    private static double[] triple(JsonNode node, double[] fallback) {
        if (node == null || node.isNull()) {
            return fallback.clone();
        }
        if (node.isNumber()) {
            return new double[] {node.asDouble(), node.asDouble(), node.asDouble()};
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePreprocessing p && height == p.height && width == p.width
                && resampling == p.resampling && rescaleFactor == p.rescaleFactor
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "ImagePreprocessing[" + width + "x" + height + " " + resampling + " rescale=" + rescaleFactor
                + " mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std) + "]";
    }
}
