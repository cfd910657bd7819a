package dev.vigil.models.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.models.mamba.ArraySelectiveScan;
import dev.vigil.models.mamba.MambaConfig;
import dev.vigil.models.mamba.MambaEncoder;
import dev.vigil.models.mamba.MambaOutput;
import dev.vigil.models.mamba.MambaState;
import dev.vigil.models.mamba.MambaWeights;
import dev.vigil.models.mamba.SelectiveScan;
import dev.vigil.models.mamba.TensorSelectiveScan;
import dev.vigil.models.weights.SafetensorsFile;
import dev.vigil.models.weights.SafetensorsWeights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java Mamba stack against outputs of {@code tools/reference/make_mamba_tome_reference.py}. Which
 * implementation produced them (transformers itself or the script's torch transcription) is recorded in
 * the fixture's JSON {@code source} and printed here.
 */
class MambaReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"mamba_tiny", "bimamba_tiny"})
    void matchesTheReference(String fixture) {
        ReferenceFixtures fixtures = new ReferenceFixtures();
        JsonNode meta = fixtures.json(fixture + ".json");
        MambaConfig config = MambaConfig.fromHuggingFace(meta, meta.get("prefix").asText(),
                meta.get("bidirectional").asBoolean());
        assertThat(config.timeStepRank()).isEqualTo(meta.get("time_step_rank").asInt());
        SafetensorsWeights weights = fixtures.weights(fixture + ".safetensors");
        SafetensorsFile io = fixtures.tensors(fixture + "_io.safetensors");
        System.out.println(fixture + " reference source: " + meta.get("source").asText());

        for (SelectiveScan scan : List.of(new ArraySelectiveScan(), new TensorSelectiveScan())) {
            try (NDManager manager = NDManager.newBaseManager()) {
                MambaEncoder encoder = new MambaEncoder(config, MambaWeights.load(weights, config, manager), scan);
                NDArray input = ReferenceFixtures.array(io, "input", manager);
                int batch = Math.toIntExact(input.getShape().get(0));
                List<MambaState> initial = new ArrayList<>();
                for (int b = 0; b < batch; b++) {
                    initial.add(encoder.initialState());
                }
                MambaOutput out = encoder.encode(input, initial);
                Tolerance.assertClose(fixture + " output", out.hidden().toFloatArray(),
                        ReferenceFixtures.array(io, "output", manager).toFloatArray());
                for (int layer = 0; layer < config.numLayers(); layer++) {
                    float[] ssm = ReferenceFixtures.array(io, "state.layers." + layer + ".ssm", manager).toFloatArray();
                    float[] tail = ReferenceFixtures.array(io, "state.layers." + layer + ".conv_tail", manager).toFloatArray();
                    int ssmLen = config.stateDims().ssmLength();
                    int tailLen = config.stateDims().convTailLength();
                    for (int b = 0; b < batch; b++) {
                        var state = out.states().get(b).layers().get(layer);
                        Tolerance.assertClose(fixture + " h layer " + layer + " stream " + b, state.ssm(),
                                java.util.Arrays.copyOfRange(ssm, b * ssmLen, (b + 1) * ssmLen));
                        Tolerance.assertClose(fixture + " conv tail layer " + layer + " stream " + b, state.convTail(),
                                java.util.Arrays.copyOfRange(tail, b * tailLen, (b + 1) * tailLen));
                    }
                }
            }
        }
    }
}
