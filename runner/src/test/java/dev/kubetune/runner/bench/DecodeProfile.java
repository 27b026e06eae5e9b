package dev.kubetune.runner.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.core.Linear;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.DecoderInput;
import dev.kubetune.runner.model.DecoderWeights;
import dev.kubetune.runner.model.KvCache;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.ModelConfig;
import dev.kubetune.runner.model.WeightDeltas;
import java.nio.file.Path;

/**
 * A program, not a test: where a decode step's time goes. Args: MODEL [batch] [steps]. Prints the
 * step's time and the time of the step's matrix products alone (the seven projections of every layer and the output head, same shapes):
 * the rest is norms, rotary, attention over the cache, and per-call overhead.
 */
public final class DecodeProfile {

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int prompt = 64;
        try (LanguageModel model = LanguageModel.load(folder); NDManager scope = model.manager().newSubManager()) {
            Decoder decoder = model.decoder();
            ModelConfig config = decoder.config();
            KvCache cache = new KvCache(config, batch, prompt + steps + 1, scope, decoder.computeType());
            int[] padding = new int[batch];
            try (NDManager step = scope.newSubManager()) {
                decoder.forward(DecoderInput.of(step, new long[batch][prompt], padding, 0),
                        cache, WeightDeltas.NONE);
            }
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                try (NDManager step = scope.newSubManager()) {
                    DecoderInput input = DecoderInput.of(step, new long[batch][1], padding, prompt + i);
                    NDArray hidden = decoder.forward(input, cache, WeightDeltas.NONE);
                    decoder.logits(hidden.get(new NDIndex(":, -1"))).toFloatArray();
                }
            }
            double stepMs = (System.nanoTime() - start) / 1e6 / steps;
            DecoderWeights w = decoder.weights();
            start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                try (NDManager step = scope.newSubManager()) {
                    NDArray h = step.ones(new ai.djl.ndarray.types.Shape(batch, 1, config.hiddenSize()));
                    for (String module : DecoderWeights.projectionModules(config)) {
                        NDArray weight = w.get(module + ".weight");
                        NDArray x = weight.getShape().get(1) == config.hiddenSize() ? h
                                : step.ones(new ai.djl.ndarray.types.Shape(batch, 1, weight.getShape().get(1)));
                        Linear.linear(x, weight).singletonOrThrow();
                    }
                    Linear.linear(h, w.get(config.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight"))
                            .singletonOrThrow().toFloatArray();
                }
            }
            double matmulMs = (System.nanoTime() - start) / 1e6 / steps;
            System.out.printf("batch %d (%d layers): %.1f ms per step, matrix products alone %.1f ms (%.0f%%)%n", batch,
                    config.numLayers(), stepMs, matmulMs, 100 * matmulMs / stepMs);
        }
    }
}
