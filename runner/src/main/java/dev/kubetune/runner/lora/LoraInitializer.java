package dev.kubetune.runner.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kubetune.api.spec.LoraSpec;
import dev.kubetune.api.spec.TargetModule;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.model.DecoderWeights;
import dev.kubetune.runner.model.ModelConfig;
import dev.kubetune.runner.torch.DtypeGuard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fresh adapter to train, initialised like PEFT: A [r, in] Kaiming-uniform with a = √5 (uniform in
 * ±1/√in), B [out, r] zeros, so training starts from the base model. The random numbers come from
 * {@link SplittableRandom} seeded with the training seed, module by module in model order, so the same
 * seed gives the same bits on every JVM. A and B require gradients.
 */
public final class LoraInitializer {

    private LoraInitializer() {
    }

    public static LoraAdapter create(ModelConfig model, DecoderWeights base, LoraSpec spec, long seed,
                                     NDManager manager) {
        List<String> targets = spec.getTargetModules().stream().map(TargetModule::value).toList();
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, LoraAdapter.Factors> modules = new HashMap<>();
        int rank = spec.getRank();
        for (String module : DecoderWeights.projectionModules(model)) {
            if (!targets.contains(module.substring(module.lastIndexOf('.') + 1))) {
                continue;
            }
            long[] weight = base.linearShape(module);
            int in = Math.toIntExact(weight[1]);
            double bound = 1.0 / Math.sqrt(in);
            float[] a = new float[rank * in];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextDouble(-bound, bound);
            }
            // float32 whatever the base's dtype: PEFT's mixed precision keeps trainable weights in float32
            NDArray factorA = manager.create(a, new Shape(rank, in));
            NDArray factorB = DtypeGuard.zeros(manager, new Shape(weight[0], rank), DataType.FLOAT32);
            factorA.setRequiresGradient(true);
            factorB.setRequiresGradient(true);
            modules.put(module, new LoraAdapter.Factors(factorA, factorB));
        }
        if (modules.isEmpty()) {
            throw new BadInputException("lora.targetModules: " + targets + " match no linear module of the model");
        }
        return new LoraAdapter(new LoraConfig(rank, spec.getAlpha(), targets, spec.isUseRslora()), modules);
    }
}
