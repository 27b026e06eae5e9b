package dev.kubetune.runner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.runner.torch.DtypeGuard;
import dev.kubetune.runner.BadInputException;
import java.nio.file.Path;

/**
 * A weight with a NaN or an infinity poisons every logit it reaches (greedy decoding then picks token 0
 * for every step), so weights are checked as they load: one reduction per tensor, on the device.
 */
final class FiniteWeights {

    private FiniteWeights() {
    }

    /** {@code tensor}, or bad input naming the folder and tensor when a value in it is not finite. */
    static NDArray require(NDArray tensor, Path folder, String name) {
        DataType type = DtypeGuard.dtype(tensor);
        if (!(type.isFloating() || type == DataType.BFLOAT16) || tensor.isEmpty()) {
            return tensor;
        }
        try (NDArray abs = tensor.abs(); NDArray max = abs.max(); NDArray wide = DtypeGuard.cast(max, DataType.FLOAT32)) {
            float largest = wide.getFloat();
            if (!Float.isFinite(largest)) {
                tensor.close();
                throw new BadInputException(folder + ": tensor '" + name + "' holds " + (Float.isNaN(largest) ? "NaN" : "an infinity")
                        + " (a corrupt or diverged checkpoint)");
            }
        }
        return tensor;
    }
}
