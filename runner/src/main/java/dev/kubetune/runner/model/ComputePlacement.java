package dev.kubetune.runner.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import dev.kubetune.api.spec.Dtype;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where and in which precision a model computes. On the CPU: float32 (bfloat16 / float16 weights are
 * widened). On a GPU, {@code auto} keeps float16 weights as they are stored; bfloat16 ones compute in
 * float32, since DJL's PyTorch binding has no bfloat16.
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
        Dtype wanted = dtype == null ? Dtype.AUTO : dtype;
        if (!gpu) {
            if (wanted == Dtype.FLOAT16 || wanted == Dtype.BFLOAT16) {
                throw new BadInputException("dtype: " + wanted.value() + " needs a GPU; on the CPU the runner computes in float32");
            }
            return CPU;
        }
        DataType type = switch (wanted) {
            case FLOAT16 -> DataType.FLOAT16;
            case BFLOAT16 -> throw new BadInputException("dtype: bfloat16 is not supported by DJL's PyTorch binding; use float16 or float32");
            case FLOAT32 -> DataType.FLOAT32;
            case AUTO -> storedAsFloat16(modelFolder) ? DataType.FLOAT16 : DataType.FLOAT32;
        };
        return new ComputePlacement(Device.gpu(), type);
    }

    private static boolean storedAsFloat16(Path modelFolder) {
        try {
            String config = Files.readString(modelFolder.resolve("config.json"));
            return config.replace(" ", "").contains("\"torch_dtype\":\"float16\"");
        } catch (IOException e) {
            return false;
        }
    }
}
