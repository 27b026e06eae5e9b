package dev.kubetune.runner.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.stats.Bootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's configuration ({@code kubetune report --config FILE}, {@code kubetune run --report-config FILE}):
 * which arms to compare and how the bootstrap draws. Without a file, or without {@code comparisons},
 * every pair of arms that can be compared is (a FoldTraining before an InferenceRun, so the difference
 * reads fine-tuned − zero-shot).
 * <pre>
 * bootstrap: {resamples: 2000, seed: 7}
 * comparisons:
 *   - {a: FoldTraining/notes-llama3b, b: InferenceRun/notes-llama8b-zero-shot}
 * </pre>
 */
public record ReportConfig(BootstrapSettings bootstrap, List<Pair> comparisons) {

    /** The bootstrap's resample count and seed. */
    public record BootstrapSettings(Integer resamples, Long seed) {}

    /** Arm A against arm B, each "Kind/name" or a bare name. */
    public record Pair(@JsonProperty(required = true) String a, @JsonProperty(required = true) String b) {}

    public static final ReportConfig DEFAULT = new ReportConfig(null, null);

    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public static ReportConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        try {
            ReportConfig config = YAML.readValue(file.toFile(), ReportConfig.class);
            return config == null ? DEFAULT : config;
        } catch (UnrecognizedPropertyException e) {
            throw new BadInputException(file + ":" + e.getLocation().getLineNr() + ": unknown key '" + e.getPropertyName()
                    + "' (known: bootstrap.resamples, bootstrap.seed, comparisons[].a, comparisons[].b)");
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? ":" + j.getLocation().getLineNr() : "";
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BadInputException(file + where + ": " + message.lines().findFirst().orElse(""));
        }
    }

    /** The bootstrap this configuration asks for. */
    public Bootstrap bootstrapOrDefault() {
        int resamples = bootstrap == null || bootstrap.resamples() == null ? Bootstrap.DEFAULT_RESAMPLES : bootstrap.resamples();
        long seed = bootstrap == null || bootstrap.seed() == null ? Bootstrap.DEFAULT_SEED : bootstrap.seed();
        if (resamples < 100) {
            throw new BadInputException("bootstrap.resamples: must be ≥ 100, not " + resamples);
        }
        return new Bootstrap(resamples, seed);
    }
}
