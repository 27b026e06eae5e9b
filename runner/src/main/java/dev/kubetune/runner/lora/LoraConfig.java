package dev.kubetune.runner.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A PEFT adapter_config.json: rank, alpha, target modules, rsLoRA scaling. */
public record LoraConfig(int rank, double alpha, List<String> targetModules, boolean useRsLora) {

    /** The factor on B·A: alpha / r, or alpha / sqrt(r) with rsLoRA. */
    public double scale() {
        return useRsLora ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    public static LoraConfig load(Path adapterFolder) {
        Path file = adapterFolder.resolve("adapter_config.json");
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(adapterFolder + ": no adapter_config.json in the adapter folder");
        }
        JsonNode c;
        try {
            c = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        String peftType = c.path("peft_type").asText("LORA");
        if (!peftType.equalsIgnoreCase("LORA")) {
            throw new BadInputException(file + ": peft_type '" + peftType + "' is not supported (supported: LORA)");
        }
        if (c.path("use_dora").asBoolean(false)) {
            throw new BadInputException(file + ": use_dora is not supported");
        }
        if (!c.hasNonNull("r") || !c.get("r").canConvertToExactIntegral() || c.get("r").asInt() <= 0) {
            throw new BadInputException(file + ": field 'r' must be a positive integer, not " + c.path("r"));
        }
        JsonNode alpha = c.get("lora_alpha");
        if (alpha != null && !alpha.isNull() && !(alpha.isNumber() && Double.isFinite(alpha.asDouble()))) {
            throw new BadInputException(file + ": field 'lora_alpha' must be a number, not " + alpha);
        }
        int rank = c.get("r").asInt();
        List<String> targets = new ArrayList<>();
        JsonNode t = c.get("target_modules");
        if (t != null && t.isArray()) {
            t.forEach(n -> targets.add(n.asText()));
        } else if (t != null && t.isTextual()) {
            targets.add(t.asText());
        }
        return new LoraConfig(rank, c.path("lora_alpha").asDouble(rank), List.copyOf(targets),
                c.path("use_rslora").asBoolean(false));
    }
}
