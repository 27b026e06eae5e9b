package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Query-chunked attention: with chunks down to one query row, sliding windows (tiny-mistral: 6 slots,
 * tiny-gemma2: every other layer) crossing chunk boundaries and rows left-padded beside a longer one,
 * the last-position logits still equal the PyTorch reference.
 */
class AttentionTest {

    static Stream<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void chunkedPaddedAttentionMatchesTheReference(String fixture) {
        LanguageModel model = Fixtures.model(fixture);
        List<Fixtures.Case> cases = Fixtures.cases(fixture);
        long[] longest = cases.stream().map(Fixtures.Case::inputIds).max((a, b) -> a.length - b.length).orElseThrow();
        long[] longer = new long[longest.length + 5];
        System.arraycopy(longest, 0, longer, 0, longest.length);
        System.arraycopy(longest, 0, longer, longest.length, 5);
        ModelConfig config = model.config();
        for (int rowsPerChunk : new int[] {1, 3, 64}) {
            // two rows of at most longer.length keys: the budget gives rowsPerChunk query rows per chunk
            Decoder decoder = model.decoder().withScoreBudget((long) rowsPerChunk * 2 * config.numHeads() * longer.length);
            for (Fixtures.Case c : cases) {
                float[] logits = lastLogitsBesideLonger(decoder, model.manager(), c.inputIds(), longer);
                assertThat(logits).as(fixture + " chunks of " + rowsPerChunk + ": " + c.text())
                        .containsExactly(c.base().lastLogits(), within(Fixtures.tolerance(model, c.base().lastLogits())));
            }
        }
    }

    @Test
    void maskBlocksPaddingFutureAndKeysOutsideTheWindow() {
        LanguageModel model = Fixtures.model("tiny-mistral");
        Attention attention = new Attention(model.config(), new Scalars(model.manager(), DataType.FLOAT32),
                DataType.FLOAT32, Attention.DEFAULT_SCORE_BUDGET);
        try (NDManager scope = model.manager().newSubManager()) {
            // row 0 has 2 padding slots, row 1 none; queries at slots 4 and 5 over key slots 1..5, window 3
            float[] mask = values(attention.mask(scope, new int[] {2, 0}, 4, 2, 1, 5, 3));
            float x = -1e9f;
            assertThat(mask).containsExactly(
                    x, 0, 0, 0, x,   // row 0, query 4: slot 1 padding, 2..4 in the window, 5 in the future
                    x, x, 0, 0, 0,   // row 0, query 5: window 3..5
                    x, 0, 0, 0, x,   // row 1, query 4: window 2..4
                    x, x, 0, 0, 0);  // row 1, query 5
            float[] causal = values(attention.mask(scope, new int[] {1}, 0, 3, 0, 3, null));
            assertThat(causal).containsExactly(x, x, x, x, 0, x, x, 0, 0);
        }
    }

    @Test
    void chunkLengthKeepsOneChunksScoresUnderTheBudget() {
        ModelConfig config = Fixtures.model("tiny-llama").config();
        Attention attention = new Attention(config, null, DataType.FLOAT32, 1L << 20);
        int rows = attention.chunkLength(2, 8192);
        assertThat((long) rows * 2 * config.numHeads() * 8192).isLessThanOrEqualTo(1L << 20);
        assertThat((long) (rows + 1) * 2 * config.numHeads() * 8192).isGreaterThan(1L << 20);
        assertThat(attention.chunkLength(64, 1L << 20)).isEqualTo(1);
    }

    /** The mask's values with -0 read as 0. */
    private static float[] values(NDArray mask) {
        float[] v = mask.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] += 0f;
        }
        return v;
    }

    private static float[] lastLogitsBesideLonger(Decoder decoder, NDManager parent, long[] ids, long[] longer) {
        try (NDManager step = parent.newSubManager()) {
            List<long[]> batch = new ArrayList<>(List.of(ids, longer));
            DecoderInput input = DecoderInput.leftPadded(step, batch, 0, new int[2]);
            NDArray hidden = decoder.forward(input, null, WeightDeltas.NONE);
            return decoder.logits(hidden.get(new NDIndex("0, -1"))).toFloatArray();
        }
    }
}
