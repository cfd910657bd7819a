package dev.vigil.cli.niah;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.train.Wording;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed built-in model, {@code models/bundles/synthcam-tiny}: it loads through the same loader as a
 * Hugging Face SigLIP folder, and finds planted needles in a short synthetic haystack with held-out wording
 * (at the level it reaches today, far below the target of issue 7: see docs/model.md).
 */
class BuiltInModelIT {
    /** The repository's bundle, relative to this module (cli/) as Maven runs it. */
    static final Path BUNDLE = Path.of("..", "models", "bundles", "synthcam-tiny");
    static ModelBundle model;
    static ClipEncoder encoder;

    @BeforeAll
    static void load() {
        assertThat(BUNDLE.resolve("bundle.json")).as("the committed synthcam-tiny bundle").exists();
        model = ModelBundle.load(BUNDLE, DeviceSpec.cpu());
        encoder = new ClipEncoder(model, 64);
    }

    @AfterAll
    static void close() {
        encoder.close();
        model.close();
    }

    @Test
    void loadsLikeAHuggingFaceSiglipFolder() throws Exception {
        // The same files and tensor names as a downloaded SigLIP checkpoint: config.json with model_type siglip,
        // safetensors with vision_model.* tensors; vigil's own additions live beside them.
        assertThat(Files.readString(BUNDLE.resolve("config.json"))).contains("\"siglip\"");
        assertThat(model.weights().names()).contains("vision_model.embeddings.patch_embedding.weight",
                "vision_model.encoder.layers.0.self_attn.q_proj.weight", "vision_model.post_layernorm.weight");
        assertThat(model.text()).as("a text side for questions").isPresent();
        assertThat(encoder.embedText(java.util.List.of("a red car drives in from the left"))).isPresent()
                .hasValueSatisfying(e -> assertThat(e[0]).hasSize(encoder.dim()));
    }

    @Test
    void findsFiveNeedlesInAThousandFrameHaystackWithHeldOutWording() {
        NiahBench bench = new NiahBench(encoder, Wording.load(Wording.HELD_OUT), InMemoryEvidenceIndex::new);

        HaystackResult result = bench.run(1_000, 1, done -> { });

        System.out.printf("NIAH 1,000 frames: top-1 %.2f, top-5 %.2f, multiple choice %.2f (%d needles, %.0f s)%n",
                result.top1(), result.top5(), result.multipleChoice(), result.needles().size(), result.encodeSeconds());
        assertThat(result.needles()).hasSize(5);
        // A regression guard at what the committed bundle achieves (2 of 5 needles in the top 5; the pipeline is
        // deterministic on CPU). The target is 0.8: docs/model.md says where the model stands and why.
        assertThat(result.top5()).as("top-5 retrieval").isGreaterThanOrEqualTo(0.4);
    }
}
