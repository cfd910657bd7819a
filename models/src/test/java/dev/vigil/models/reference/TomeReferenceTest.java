package dev.vigil.models.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.models.merge.FixedMergeSchedule;
import dev.vigil.models.merge.HeadChunkMeanMetric;
import dev.vigil.models.merge.TensorTokenMerging;
import dev.vigil.models.merge.TokenMerger;
import dev.vigil.models.merge.TokenSet;
import dev.vigil.models.weights.SafetensorsFile;
import dev.vigil.tokens.MergeOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java bipartite merging in REFERENCE order against {@code tome_cases.*} from
 * {@code tools/reference/make_mamba_tome_reference.py}; the fixture's {@code source} says whether the
 * tome package or the script's transcription of its semantics produced them.
 */
class TomeReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "class", "class_distill", "halving"})
    void matchesTheReference(String name) {
        ReferenceFixtures fixtures = new ReferenceFixtures();
        JsonNode meta = fixtures.json("tome_cases.json");
        JsonNode c = meta.get("cases").get(name);
        SafetensorsFile fixture = fixtures.tensors("tome_cases.safetensors");
        List<Integer> steps = new ArrayList<>();
        c.get("r").forEach(r -> steps.add(r.asInt()));
        TensorTokenMerging matching = new TensorTokenMerging(
                new HeadChunkMeanMetric(meta.get("metric_chunk").asInt()),
                c.get("class_token").asBoolean(), c.get("distill_token").asBoolean(), MergeOrder.REFERENCE);
        // The fixture lists the r actually applied, so the Java schedule must not change them.
        assertThat(new FixedMergeSchedule(steps).reductions(c.get("tokens").asInt(), matching.protectedTokens()))
                .containsExactlyElementsOf(steps);

        try (NDManager manager = NDManager.newBaseManager()) {
            TokenSet merged = new TokenMerger(matching).reduce(
                    TokenSet.of(ReferenceFixtures.array(fixture, name + ".input", manager)), new FixedMergeSchedule(steps));
            Tolerance.assertClose(name + " features", merged.features().toFloatArray(),
                    ReferenceFixtures.array(fixture, name + ".features", manager).toFloatArray());
            assertThat(merged.sizes().toFloatArray())
                    .containsExactly(ReferenceFixtures.array(fixture, name + ".sizes", manager).toFloatArray());
            NDArray sources = ReferenceFixtures.array(fixture, name + ".sources", manager);               // [B, T', T0] 0/1
            float[] expected = sources.toFloatArray();
            int batch = merged.batchSize();
            int count = merged.tokenCount();
            int original = merged.originalCount();
            float[] actual = new float[batch * count * original];
            long[] owners = merged.sources().toLongArray();
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < original; j++) {
                    actual[(b * count + (int) owners[b * original + j]) * original + j] = 1f;
                }
            }
            assertThat(actual).containsExactly(expected);
        }
    }
}
