package dev.kubetune.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.lora.LoraAdapterWriter;
import dev.kubetune.runner.lora.LoraInitializer;
import dev.kubetune.runner.model.ComputePlacement;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.torch.DtypeGuard;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA on a frozen bfloat16 base (tiny-qwen2-bf16 computing in bfloat16), PEFT's mixed precision: the
 * factors, their gradients and AdamW's state are float32, the base weights stay bfloat16.
 */
class Bfloat16TrainingTest {

    private static final String FIXTURE = "tiny-qwen2-bf16";
    private final LanguageModel model = Fixtures.model(FIXTURE);
    private final List<TokenizedExample> examples =
            TrainingFixtures.encode(model, TrainingFixtures.constantAnswer("respiratory"), 128);

    @TempDir
    Path temp;

    @Test
    void theBaseComputesInBfloat16AndTheFactorsAndGradientsAreFloat32() {
        assertThat(model.decoder().computeType()).isEqualTo(DataType.BFLOAT16);
        assertThat(DtypeGuard.dtype(model.decoder().weights().get("model.layers.0.mlp.up_proj.weight")))
                .isEqualTo(DataType.BFLOAT16);
        try (NDManager scope = model.manager().newSubManager()) {
            LoraAdapter adapter = LoraInitializer.create(model.config(), model.decoder().weights(),
                    TrainingFixtures.lora(), 3, scope);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(ResponseLoss.sum(model.decoder(), examples.subList(0, 2), 0, adapter, scope));
            }
            for (LoraAdapter.Factors f : adapter.modules().values()) {
                assertThat(f.a().getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(f.a().getGradient().getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(f.b().getGradient().abs().sum().getFloat()).isPositive();
            }
        }
    }

    @Test
    void lossFalls() {
        TrainLog log = new TrainLog();
        try (NDManager scope = model.manager().newSubManager()) {
            new LoraTrainer(model.decoder(), TrainingFixtures.eosId(model), TrainingFixtures.training(3, 5e-3),
                    TrainingFixtures.lora()).train(examples.subList(0, 5), List.of(), scope, log);
        }
        List<Double> losses = log.lines().stream().filter(l -> l.containsKey("loss")).map(l -> (Double) l.get("loss")).toList();
        assertThat(losses).hasSize(6);
        assertThat(losses.get(5)).isLessThan(losses.get(0) * 0.8);
    }

    /**
     * A bfloat16 loss is too coarse for finite differences (it moves by tenths under any small step), so
     * the check is in two links: the gradients through the bfloat16 base equal those through the same
     * weights widened to float32 up to bfloat16 rounding, and those equal central differences.
     */
    @Test
    void gradientsOfTheLoraFactorsMatchTheFloat32OnesWhichMatchFiniteDifferences() {
        List<TokenizedExample> batch = examples.subList(0, 3);
        String module = "model.layers.1.self_attn.v_proj";
        try (LanguageModel wide = LanguageModel.load(Fixtures.folder(FIXTURE), ComputePlacement.CPU);
             NDManager scope = model.manager().newSubManager(); NDManager wideScope = wide.manager().newSubManager()) {
            LoraAdapter narrowAdapter = adapterWithRandomB(model, scope);
            LoraAdapter wideAdapter = adapterWithRandomB(wide, wideScope);
            backward(model, narrowAdapter, batch, scope);
            backward(wide, wideAdapter, batch, wideScope);
            for (boolean a : new boolean[] {true, false}) {
                NDArray narrow = factor(narrowAdapter, module, a);
                NDArray exact = factor(wideAdapter, module, a);
                float[] g = exact.getGradient().toFloatArray();
                double error = narrow.getGradient().sub(exact.getGradient()).norm().getFloat();
                assertThat(error).as(a ? "lora_A" : "lora_B").isLessThan(0.05 * exact.getGradient().norm().getFloat());
                for (int i : TrainingFixtures.largest(g, 3)) {
                    double numeric = TrainingFixtures.centralDifference(wide, exact, i, wideAdapter, batch, wideScope);
                    assertThat(numeric).as("element " + i).isCloseTo(g[i], within(0.02 * Math.abs(g[i]) + 2e-3));
                }
            }
        }
    }

    /** PEFT's initialisation from seed 3, then every B filled from seed 5 in module order (B = 0 would zero A's gradients). */
    private static LoraAdapter adapterWithRandomB(LanguageModel on, NDManager scope) {
        LoraAdapter adapter = LoraInitializer.create(on.config(), on.decoder().weights(), TrainingFixtures.lora(), 3, scope);
        SplittableRandom random = new SplittableRandom(5);
        new TreeMap<>(adapter.modules()).values().forEach(f -> {
            float[] b = new float[(int) f.b().size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextDouble(-0.3, 0.3);
            }
            f.b().set(b);
        });
        return adapter;
    }

    private static void backward(LanguageModel on, LoraAdapter adapter, List<TokenizedExample> batch, NDManager scope) {
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            collector.backward(ResponseLoss.sum(on.decoder(), batch, 0, adapter, scope));
        }
    }

    private static NDArray factor(LoraAdapter adapter, String module, boolean a) {
        return a ? adapter.modules().get(module).a() : adapter.modules().get(module).b();
    }

    @Test
    void aSavedAdapterReproducesItsLogitsAndMergesIntoBfloat16Weights() throws Exception {
        try (NDManager scope = model.manager().newSubManager()) {
            LoraAdapter trained = new LoraTrainer(model.decoder(), TrainingFixtures.eosId(model),
                    TrainingFixtures.training(2, 5e-3), TrainingFixtures.lora())
                    .train(examples, List.of(), scope, new TrainLog()).adapter();
            Path folder = temp.resolve("adapter");
            LoraAdapterWriter.write(trained, FIXTURE, 0.0, folder);
            LoraAdapter loaded = LoraAdapter.load(folder, model.config(), model.decoder().weights(), scope);
            Decoder merged = model.decoder().withWeights(loaded.mergeInto(model.decoder().weights(), scope));
            assertThat(DtypeGuard.dtype(merged.weights().get("model.layers.0.self_attn.q_proj.weight")))
                    .isEqualTo(DataType.BFLOAT16);
            for (TokenizedExample e : examples.subList(0, 2)) {
                float[] inMemory = Fixtures.lastLogits(model, e.tokens(), trained);
                assertThat(Fixtures.lastLogits(model, e.tokens(), loaded)).containsExactly(inMemory, within(1e-6f));
                assertThat(Fixtures.lastLogits(merged, scope, e.tokens(), WeightDeltas.NONE))
                        .containsExactly(inMemory, within(Fixtures.tolerance(model, inMemory)));
            }
        }
    }
}
