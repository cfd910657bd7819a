package dev.vigil.models.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.image.Resampling;
import dev.vigil.models.text.TextEncoderKind;
import dev.vigil.tokens.MergeOrder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Parses {@code bundle.json}, refusing unknown keys so that a typo is reported instead of silently ignored. */
final class BundleManifestReader {

    private static final Set<String> TOP = Set.of("id", "architecture", "dims", "preprocessing", "tokenBudget",
            "temporal", "merge", "description", "text", "training");

    private final ObjectMapper json;

    BundleManifestReader(ObjectMapper json) {
        this.json = json;
    }

    BundleManifest read(Path file) {
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException e) {
            throw new BundleException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BundleException(file + " must contain a JSON object");
        }
        try {
            return parse(root);
        } catch (BundleException | IllegalArgumentException e) {
            throw new BundleException(file + ": " + e.getMessage(), e);
        }
    }

    private BundleManifest parse(JsonNode root) {
        checkKeys(root, TOP, "top level");
        JsonNode dims = root.path("dims");
        checkKeys(dims, Set.of("hidden", "tokensPerFrame"), "dims");
        JsonNode budget = root.path("tokenBudget");
        checkKeys(budget, Set.of("tokensPerFrame", "clipFrames"), "tokenBudget");
        JsonNode temporal = root.path("temporal");
        checkKeys(temporal, Set.of("layers", "dState", "dConv", "expand", "bidirectional"), "temporal");
        JsonNode merge = root.path("merge");
        checkKeys(merge, Set.of("metricChunk", "order"), "merge");
        JsonNode text = root.path("text");
        checkKeys(text, Set.of("encoder"), "text");
        TemporalConfig t = TemporalConfig.NONE;
        return new BundleManifest(
                root.path("id").asText(null),
                root.path("architecture").asText(BundleManifest.SIGLIP),
                optionalInt(dims, "hidden"),
                optionalInt(dims, "tokensPerFrame"),
                root.has("preprocessing") ? Optional.of(preprocessing(root.get("preprocessing"))) : Optional.empty(),
                new TokenBudget(budget.path("tokensPerFrame").asInt(TokenBudget.DEFAULT.tokensPerFrame()),
                        budget.path("clipFrames").asInt(TokenBudget.DEFAULT.clipFrames())),
                new TemporalConfig(temporal.path("layers").asInt(t.layers()), temporal.path("dState").asInt(t.dState()),
                        temporal.path("dConv").asInt(t.dConv()), temporal.path("expand").asInt(t.expand()),
                        temporal.path("bidirectional").asBoolean(t.bidirectional())),
                root.has("merge") ? Optional.of(new MergeConfig(merge.path("metricChunk").asInt(64),
                        order(merge.path("order").asText("stable")))) : Optional.empty(),
                TextEncoderKind.fromWire(text.path("encoder").asText(TextEncoderKind.SIGLIP.wireName())));
    }

    private static ImagePreprocessing preprocessing(JsonNode p) {
        checkKeys(p, Set.of("imageSize", "resample", "rescale", "mean", "std"), "preprocessing");
        if (!p.has("imageSize")) {
            throw new BundleException("preprocessing.imageSize is required when 'preprocessing' is given");
        }
        int size = p.get("imageSize").asInt();
        ImagePreprocessing d = ImagePreprocessing.siglipDefaults(size);
        Resampling resampling = switch (p.path("resample").asText("bicubic").toLowerCase(Locale.ROOT)) {
            case "bicubic" -> Resampling.BICUBIC;
            case "bilinear" -> Resampling.BILINEAR;
            default -> throw new BundleException("preprocessing.resample must be \"bicubic\" or \"bilinear\", got "
                    + p.get("resample"));
        };
        return new ImagePreprocessing(size, size, resampling, p.path("rescale").asDouble(d.rescaleFactor()),
                triple(p.get("mean"), d.mean()), triple(p.get("std"), d.std()));
    }

    private static double[] triple(JsonNode node, double[] fallback) {
        if (node == null) {
            return fallback;
        }
        if (!node.isArray() || node.size() != 3) {
            throw new BundleException("preprocessing.mean and preprocessing.std must be arrays of 3 numbers, got " + node);
        }
        return new double[] {node.get(0).asDouble(), node.get(1).asDouble(), node.get(2).asDouble()};
    }

    private static MergeOrder order(String text) {
        try {
            return MergeOrder.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BundleException("merge.order must be \"stable\" or \"reference\", got \"" + text + "\"");
        }
    }

    private static Optional<Integer> optionalInt(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asInt()) : Optional.empty();
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            throw new BundleException("'" + where + "' must be a JSON object, got " + node);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new BundleException("unknown key '" + key + "' in " + where + "; allowed: " + allowed);
            }
        }
    }
}
