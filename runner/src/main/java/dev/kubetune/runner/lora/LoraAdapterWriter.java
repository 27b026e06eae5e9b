package dev.kubetune.runner.lora;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kubetune.runner.output.Temporaries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a {@link LoraAdapter} as a PEFT adapter folder ({@code adapter_config.json},
 * {@code adapter_model.safetensors} with PEFT's tensor names, F32) that PEFT and
 * {@link LoraAdapter#load} read. The folder appears whole or not at all: it is written under a
 * temporary name beside the target, then renamed over it.
 */
public final class LoraAdapterWriter {

    public static final String CONFIG_FILE = "adapter_config.json";
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    private static final String PEFT_PREFIX = "base_model.model.";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LoraAdapterWriter() {
    }

    /**
     * Writes {@code adapter} to {@code folder} (replacing it) and returns the folder's size in bytes.
     *
     * @param baseModel the base model's name or path, for {@code base_model_name_or_path}
     * @param dropout   the LoRA dropout trained with (PEFT records it)
     */
    public static long write(LoraAdapter adapter, String baseModel, double dropout, Path folder) throws IOException {
        Path target = folder.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        try {
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                // a temporary folder is private; the adapter is read by other pods and people like any folder
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.write(temporary.resolve(CONFIG_FILE), JSON.writeValueAsBytes(config(adapter.config(), baseModel, dropout)));
            try (OutputStream out = Files.newOutputStream(temporary.resolve(WEIGHTS_FILE))) {
                SafetensorsWriter.write(tensors(adapter), out);
            }
            long bytes = Files.size(temporary.resolve(CONFIG_FILE)) + Files.size(temporary.resolve(WEIGHTS_FILE));
            Temporaries.deleteTree(target);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            Temporaries.deleteTree(temporary);
            throw e;
        }
    }

    /** PEFT's names: "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight". */
    static SortedMap<String, NDArray> tensors(LoraAdapter adapter) {
        SortedMap<String, NDArray> tensors = new TreeMap<>();
        adapter.modules().forEach((module, f) -> {
            tensors.put(PEFT_PREFIX + module + ".lora_A.weight", f.a());
            tensors.put(PEFT_PREFIX + module + ".lora_B.weight", f.b());
        });
        return tensors;
    }

    static Map<String, Object> config(LoraConfig config, String baseModel, double dropout) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("peft_type", "LORA");
        c.put("task_type", "CAUSAL_LM");
        c.put("base_model_name_or_path", baseModel);
        c.put("r", config.rank());
        c.put("lora_alpha", config.alpha());
        c.put("lora_dropout", dropout);
        c.put("target_modules", config.targetModules().stream().sorted().toList());
        c.put("use_rslora", config.useRsLora());
        c.put("use_dora", false);
        c.put("bias", "none");
        c.put("fan_in_fan_out", false);
        c.put("init_lora_weights", true);
        c.put("inference_mode", true);
        c.put("modules_to_save", null);
        c.put("layers_to_transform", null);
        c.put("revision", null);
        return c;
    }

}
