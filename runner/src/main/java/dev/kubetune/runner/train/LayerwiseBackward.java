package dev.kubetune.runner.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kubetune.runner.model.Constants;
import dev.kubetune.runner.model.Decoder;
import dev.kubetune.runner.model.WeightDeltas;
import dev.kubetune.runner.torch.Autograd;
import dev.kubetune.runner.torch.DtypeGuard;

/**
 * A micro-batch's loss and LoRA gradients with one layer's graph alive at a time (activation
 * recomputation, as Hugging Face's gradient checkpointing per decoder layer). A forward pass without a
 * graph keeps only each layer's input; the backward pass then goes from the head down, recomputing each
 * layer with a graph, back-propagating the gradient of its output into its LoRA factors and its input,
 * and freeing it. On a quantized base this is what keeps QLoRA small: a layer's weights are dequantized
 * for its product, and autograd keeps the dequantized weights for the backward pass only while that
 * layer's graph lives, where a whole-model graph would keep every layer's (as much memory as the
 * unquantized model). The graph-free forward uses libtorch's quantized kernels. The cost is one more
 * forward pass per micro-batch. Dropout masks are the same in both passes of a layer (the engine's
 * generator is reseeded per layer from {@code seed}).
 */
final class LayerwiseBackward {

    private LayerwiseBackward() {
    }

    /**
     * Accumulates the gradients of {@code loss / divisor} into the LoRA factors (which require gradients);
     * returns the summed loss. Arrays live in sub-managers of {@code manager}, freed before this returns.
     */
    static double run(Decoder decoder, ResponseLoss loss, WeightDeltas deltas, double divisor, Engine engine,
                      long seed, NDManager manager) {
        int layers = decoder.config().numLayers();
        try (NDManager pass = manager.newSubManager()) {
            loss.input().tokenIds().tempAttach(pass);
            loss.input().positions().tempAttach(pass);
            NDList cosSin = decoder.rotary(loss.input());
            NDArray[] inputs = new NDArray[layers + 1];
            try (Autograd.Off off = Autograd.off()) {
                inputs[0] = decoder.embed(loss.input());
                for (int l = 0; l < layers; l++) {
                    engine.setRandomSeed((int) (seed + l));
                    try (NDManager layer = pass.newSubManager()) {
                        NDArray x = inputs[l];
                        x.tempAttach(layer);
                        NDArray y = decoder.layer(l, x, cosSin, loss.input(), deltas);
                        y.attach(pass);
                        inputs[l + 1] = y;
                    }
                }
            }
            double sum;
            NDArray gradient;
            try (NDManager head = pass.newSubManager()) {
                NDArray top = leaf(inputs[layers], head);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray total = loss.fromHidden(decoder, decoder.finalNorm(top));
                    sum = total.getFloat();
                    collector.backward(Constants.div(total, divisor));
                }
                gradient = top.getGradient();
                gradient.attach(pass);
            }
            for (int l = layers - 1; l >= 0; l--) {
                engine.setRandomSeed((int) (seed + l));
                try (NDManager layer = pass.newSubManager()) {
                    NDArray x = leaf(inputs[l], layer);
                    gradient.tempAttach(layer);
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray y = decoder.layer(l, x, cosSin, loss.input(), deltas);
                        // d(sum(y * g))/dy = g: back-propagates the output's gradient through the layer
                        NDArray weighted = DtypeGuard.cast(y, DataType.FLOAT32).mul(DtypeGuard.cast(gradient, DataType.FLOAT32));
                        collector.backward(weighted.sum());
                    }
                    gradient = x.getGradient();
                    gradient.attach(pass);
                }
            }
            return sum;
        }
    }

    /** {@code x}'s values, cut from any graph, in {@code manager}, as an input autograd computes a gradient for. */
    private static NDArray leaf(NDArray x, NDManager manager) {
        NDArray detached = x.stopGradient();
        detached.attach(manager);
        detached.setRequiresGradient(true);
        return detached;
    }
}
