package dev.kubetune.runner.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.api.spec.Dtype;
import dev.kubetune.runner.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where and in which dtype a model computes; its weights are held in that dtype (norm weights in
 * float32). {@code model.dtype} means what it says on the CPU and on a GPU: float32, float16 or
 * bfloat16. {@code auto} is the dtype the weights are stored in on a GPU; on the CPU it is the stored
 * dtype where the CPU has native instructions for it ({@link CpuFeatures}: bfloat16 with AVX512-BF16 or
 * AMX-BF16, float16 with AVX512-FP16 or AMX-FP16, where libtorch's kernels are fast), float32 otherwise.
 */
public record ComputePlacement(Device device, DataType dtype) {

    public static final ComputePlacement CPU = new ComputePlacement(Device.cpu(), DataType.FLOAT32);

    /**
     * @param device "auto" (a GPU when there is one), "cpu" or "gpu"
     * @param dtype  the requested compute dtype
     */
    public static ComputePlacement choose(String device, Dtype dtype, Path modelFolder) {
        boolean gpu = switch (device == null ? "auto" : device) {
            case "auto" -> Engine.getInstance().getGpuCount() > 0;
            case "cpu" -> false;
            case "gpu" -> {
                if (Engine.getInstance().getGpuCount() == 0) {
                    throw new BadInputException("device: gpu asked for, but PyTorch sees no GPU (a CPU-only native library?)");
                }
                yield true;
            }
            default -> throw new BadInputException("device: must be auto, cpu or gpu, not '" + device + "'");
        };
        DataType type = switch (dtype == null ? Dtype.AUTO : dtype) {
            case FLOAT16 -> DataType.FLOAT16;
            case BFLOAT16 -> DataType.BFLOAT16;
            case FLOAT32 -> DataType.FLOAT32;
            case AUTO -> automatic(gpu, storedType(modelFolder));
        };
        return new ComputePlacement(gpu ? Device.gpu() : Device.cpu(), type);
    }

    /** {@code auto}'s choice for weights stored in {@code stored}. */
    static DataType automatic(boolean gpu, DataType stored) {
        if (gpu || stored == DataType.FLOAT32) {
            return stored;
        }
        return CpuFeatures.host().fast(stored) ? stored : DataType.FLOAT32;
    }

    /** "bfloat16 on cpu": what the unit's log and result say. */
    public String describe() {
        return name(dtype) + " on " + (device.isGpu() ? "gpu " + device.getDeviceId() : "cpu");
    }

    /** The manifest's name of a compute dtype. */
    public static String name(DataType type) {
        return switch (type) {
            case BFLOAT16 -> Dtype.BFLOAT16.value();
            case FLOAT16 -> Dtype.FLOAT16.value();
            case FLOAT32 -> Dtype.FLOAT32.value();
            default -> type.toString();
        };
    }

    /** The dtype of the embedding matrix, which stands for the checkpoint's; float32 when there is no model to read. */
    private static DataType storedType(Path modelFolder) {
        if (modelFolder == null || !Files.isDirectory(modelFolder)) {
            return DataType.FLOAT32; // the load that follows names the missing folder
        }
        return WeightFiles.open(modelFolder).storedType("model.embed_tokens.weight");
    }
}
