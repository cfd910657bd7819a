package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MambaEncoderTest {

    private static final float TOLERANCE = 2e-5f;

    private final MambaConfig config = new MambaConfig(8, 4, 4, 2, 1, 2, 1e-5, true, true, false, "temporal");
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private MambaEncoder encoder(MambaConfig cfg, SelectiveScan scan, long seed) {
        MambaWeights weights = MambaWeights.load(new RandomMambaWeights(seed).create(cfg), cfg, manager);
        return new MambaEncoder(cfg, weights, scan);
    }

    private NDArray tokens(long seed, int batch, int length) {
        float[] data = new RandomMambaWeights(seed).gaussian(batch * length * config.hiddenSize());
        return manager.create(data, new Shape(batch, length, config.hiddenSize()));
    }

    @Test
    void chunkedRunsEqualTheWholeSequence() {
        for (SelectiveScan scan : List.of(new ArraySelectiveScan(), new TensorSelectiveScan(64))) {
            MambaEncoder encoder = encoder(config, scan, 1);
            NDArray x = tokens(2, 2, 13);
            List<MambaState> zero = List.of(encoder.initialState(), encoder.initialState());
            MambaOutput whole = encoder.encode(x, zero);

            // Splits include chunks shorter than d_conv − 1, where the conv window spans several calls.
            List<int[]> splits = new ArrayList<>(List.of(
                    new int[] {5, 1, 7}, new int[] {3, 10}, new int[] {1, 1, 1, 1, 9}, new int[] {13}));
            java.util.Random random = new java.util.Random(99);
            for (int k = 0; k < 3; k++) { // and a few arbitrary ones
                List<Integer> lengths = new ArrayList<>();
                for (int left = 13; left > 0; ) {
                    int len = 1 + random.nextInt(left);
                    lengths.add(len);
                    left -= len;
                }
                splits.add(lengths.stream().mapToInt(Integer::intValue).toArray());
            }
            for (int[] split : splits) {
                List<MambaState> states = zero;
                NDList pieces = new NDList();
                int start = 0;
                for (int len : split) {
                    MambaOutput part = encoder.encode(x.get(new NDIndex(":, {}:{}", start, start + len)), states);
                    pieces.add(part.hidden());
                    states = part.states();
                    start += len;
                }
                assertClose(NDArrays.concat(pieces, 1), whole.hidden());
                for (int b = 0; b < 2; b++) {
                    assertStatesClose(states.get(b), whole.states().get(b));
                    assertThat(states.get(b).tokensSeen()).isEqualTo(13);
                }
            }
        }
    }

    @Test
    void aBatchEqualsItsStreamsOneByOne() {
        MambaEncoder encoder = encoder(config, new ArraySelectiveScan(), 3);
        // Give each stream its own history so the batch mixes different carried states.
        List<MambaState> states = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            states.add(encoder.encode(tokens(10 + b, 1, 2 + b), List.of(encoder.initialState())).states().get(0));
        }
        NDArray x = tokens(20, 3, 6);
        MambaOutput batched = encoder.encode(x, states);
        for (int b = 0; b < 3; b++) {
            MambaOutput single = encoder.encode(x.get(new NDIndex("{}:{}", b, b + 1)), List.of(states.get(b)));
            assertClose(batched.hidden().get(new NDIndex("{}:{}", b, b + 1)), single.hidden());
            assertStatesClose(batched.states().get(b), single.states().get(0));
        }
    }

    @Test
    void tensorAndArrayScansAgree() {
        NDArray x = tokens(4, 2, 9);
        MambaEncoder loops = encoder(config, new ArraySelectiveScan(), 5);
        MambaEncoder tensors = encoder(config, new TensorSelectiveScan(16), 5); // forces several time blocks
        MambaState warm = loops.encode(tokens(6, 1, 4), List.of(loops.initialState())).states().get(0);
        List<MambaState> states = List.of(warm, loops.initialState());
        MambaOutput a = loops.encode(x, states);
        MambaOutput b = tensors.encode(x, states);
        assertClose(a.hidden(), b.hidden());
        for (int s = 0; s < 2; s++) {
            assertStatesClose(a.states().get(s), b.states().get(s));
        }
    }

    @Test
    void clipsAreScannedFrameMajor() {
        MambaEncoder encoder = encoder(config, new ArraySelectiveScan(), 7);
        NDArray flat = tokens(8, 2, 12);
        NDArray clips = flat.reshape(2, 3, 4, config.hiddenSize()); // 3 frames × 4 patches
        List<MambaState> zero = List.of(encoder.initialState(), encoder.initialState());
        MambaOutput byClip = encoder.encodeClips(clips, zero);
        MambaOutput byTokens = encoder.encode(flat, zero);
        assertThat(byClip.hidden().getShape()).isEqualTo(new Shape(2, 3, 4, config.hiddenSize()));
        assertClose(byClip.hidden().reshape(2, 12, config.hiddenSize()), byTokens.hidden());
    }

    @Test
    void bidirectionalModeIsReversalSymmetricAndCarriesForwardState() {
        MambaConfig bi = new MambaConfig(8, 4, 4, 2, 1, 2, 1e-5, false, true, true, "temporal");
        TensorMapWeights w = new RandomMambaWeights(9).create(bi);
        // With the backward parameters equal to the forward ones, reversing the clip must reverse the output.
        for (String name : List.copyOf(w.names())) {
            String b = backwardName(name);
            if (b != null) {
                TensorMapWeights.HostTensor t = w.tensor(name);
                w.put(b, t.data(), t.shape().getShape());
            }
        }
        MambaEncoder encoder = new MambaEncoder(bi, MambaWeights.load(w, bi, manager), new ArraySelectiveScan());
        NDArray x = tokens(11, 1, 7);
        List<MambaState> zero = List.of(encoder.initialState());
        MambaOutput forward = encoder.encode(x, zero);
        MambaOutput reversed = encoder.encode(x.flip(1), zero);
        assertClose(reversed.hidden().flip(1), forward.hidden());

        // The forward state is still carried: the next clip depends on it.
        NDArray next = tokens(12, 1, 7);
        NDArray fresh = encoder.encode(next, zero).hidden();
        NDArray continued = encoder.encode(next, forward.states()).hidden();
        assertThat(continued.sub(fresh).abs().max().getFloat()).isGreaterThan(1e-4f);
    }

    @Test
    void bidirectionalModeNeedsBackwardWeights() {
        MambaConfig bi = new MambaConfig(8, 4, 4, 2, 1, 1, 1e-5, false, true, true, "temporal");
        TensorMapWeights forwardOnly = new RandomMambaWeights(1).create(
                new MambaConfig(8, 4, 4, 2, 1, 1, 1e-5, false, true, false, "temporal"));
        assertThatThrownBy(() -> MambaWeights.load(forwardOnly, bi, manager))
                .hasMessageContaining("conv1d_b.weight");
    }

    @Test
    void rejectsStatesOfAnotherShape() {
        MambaEncoder encoder = encoder(config, new ArraySelectiveScan(), 1);
        MambaState other = MambaState.initial(new MambaStateDims(2, 16, 8, 4));
        assertThatThrownBy(() -> encoder.encode(tokens(1, 1, 3), List.of(other)))
                .hasMessageContaining("do not match");
        assertThatThrownBy(() -> encoder.encode(tokens(1, 2, 3), List.of(encoder.initialState())))
                .hasMessageContaining("2 streams");
    }

    /** The backward-direction name of a forward scan parameter, or null for shared parameters. */
    private static String backwardName(String name) {
        ScanDirection f = ScanDirection.FORWARD;
        ScanDirection b = ScanDirection.BACKWARD;
        String[][] pairs = {
                {"mixer." + f.conv() + ".", "mixer." + b.conv() + "."},
                {"mixer." + f.xProj() + ".", "mixer." + b.xProj() + "."},
                {"mixer." + f.dtProj() + ".", "mixer." + b.dtProj() + "."}};
        for (String[] pair : pairs) {
            if (name.contains(pair[0])) {
                return name.replace(pair[0], pair[1]);
            }
        }
        if (name.endsWith("mixer." + f.aLog())) {
            return name.replace("mixer." + f.aLog(), "mixer." + b.aLog());
        }
        if (name.endsWith("mixer." + f.d())) {
            return name.substring(0, name.length() - f.d().length()) + b.d();
        }
        return null;
    }

    static void assertClose(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(TOLERANCE * Math.max(1f, Math.abs(e[i]))));
        }
    }

    static void assertStatesClose(MambaState actual, MambaState expected) {
        assertThat(actual.dims()).isEqualTo(expected.dims());
        for (int l = 0; l < actual.layers().size(); l++) {
            float[][] pairs = {actual.layers().get(l).ssm(), expected.layers().get(l).ssm(),
                    actual.layers().get(l).convTail(), expected.layers().get(l).convTail()};
            for (int p = 0; p < 4; p += 2) {
                for (int i = 0; i < pairs[p].length; i++) {
                    assertThat(pairs[p][i]).as("layer %d array %d element %d", l, p / 2, i)
                            .isCloseTo(pairs[p + 1][i], within(TOLERANCE * Math.max(1f, Math.abs(pairs[p + 1][i]))));
                }
            }
        }
    }
}
