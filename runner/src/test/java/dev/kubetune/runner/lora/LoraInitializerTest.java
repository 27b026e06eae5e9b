package dev.kubetune.runner.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.kubetune.api.spec.LoraSpec;
import dev.kubetune.api.spec.TargetModule;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PEFT's initialisation: A uniform in ±1/√in from the seed, B zeros, only the target modules. */
class LoraInitializerTest {

    private final LanguageModel model = Fixtures.model("tiny-llama");

    @Test
    void aIsKaimingUniformFromTheSeedAndBIsZero() {
        LoraSpec spec = new LoraSpec();
        spec.setRank(4);
        spec.setAlpha(8);
        spec.setUseRslora(true);
        spec.setTargetModules(List.of(TargetModule.K_PROJ, TargetModule.UP_PROJ));
        try (NDManager scope = model.manager().newSubManager()) {
            LoraAdapter first = LoraInitializer.create(model.config(), model.decoder().weights(), spec, 9, scope);
            LoraAdapter again = LoraInitializer.create(model.config(), model.decoder().weights(), spec, 9, scope);
            LoraAdapter other = LoraInitializer.create(model.config(), model.decoder().weights(), spec, 10, scope);
            assertThat(first.modules().keySet()).containsExactlyInAnyOrder("model.layers.0.self_attn.k_proj",
                    "model.layers.1.self_attn.k_proj", "model.layers.0.mlp.up_proj", "model.layers.1.mlp.up_proj");
            first.modules().forEach((module, f) -> {
                long in = f.a().getShape().get(1);
                assertThat(f.a().getShape().get(0)).isEqualTo(4);
                assertThat(f.a().abs().max().getFloat()).isLessThanOrEqualTo((float) (1 / Math.sqrt(in)));
                assertThat(f.b().abs().max().getFloat()).isZero();
                assertThat(f.a().hasGradient()).isTrue();
                assertThat(f.a().toFloatArray()).containsExactly(again.modules().get(module).a().toFloatArray());
                assertThat(f.a().toFloatArray()).isNotEqualTo(other.modules().get(module).a().toFloatArray());
            });
            assertThat(first.config().scale()).isCloseTo(8 / 2.0, within(1e-12));
        }
    }

    @Test
    void targetsMatchingNoModuleAreBadInput() {
        LoraSpec spec = new LoraSpec();
        spec.setTargetModules(List.of());
        try (NDManager scope = model.manager().newSubManager()) {
            assertThatThrownBy(() -> LoraInitializer.create(model.config(), model.decoder().weights(), spec, 0, scope))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("lora.targetModules");
        }
    }
}
