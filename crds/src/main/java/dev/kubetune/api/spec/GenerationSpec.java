package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Generation settings for batch inference.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GenerationSpec {

    @JsonPropertyDescription("Most tokens generated per row.")
    @Min(1)
    @Default("64")
    private int maxNewTokens = 64;

    @JsonPropertyDescription("Sampling temperature; 0 is greedy.")
    @Min(0)
    @Default("0.0")
    private double temperature = 0.0;

    @JsonPropertyDescription("Nucleus sampling: keep the smallest set of tokens whose probability reaches topP.")
    @ValidationRule(value = "self > 0.0 && self <= 1.0", message = "must be > 0 and ≤ 1")
    @Default("1.0")
    private double topP = 1.0;

    @JsonPropertyDescription("Seed of sampling (per row, so sharding does not change results).")
    @Default("0")
    private long seed = 0;

    @JsonPropertyDescription("Rows per generation batch.")
    @Min(1)
    @Default("8")
    private int batchSize = 8;

    @JsonPropertyDescription("Stop strings: generation of a row ends when its completion contains one (it is cut there).")
    private List<String> stop;

    @JsonPropertyDescription("Return this many most likely tokens with log-probabilities at every generated step.")
    @Min(0)
    @Max(20)
    @Default("0")
    private int topLogprobs = 0;

    public int getMaxNewTokens() {
        return maxNewTokens;
    }

    public void setMaxNewTokens(int maxNewTokens) {
        this.maxNewTokens = maxNewTokens;
    }

    public double getTemperature() {
        return temperature;
    }

    public void setTemperature(double temperature) {
        this.temperature = temperature;
    }

    public double getTopP() {
        return topP;
    }

    public void setTopP(double topP) {
        this.topP = topP;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public List<String> getStop() {
        return stop;
    }

    public void setStop(List<String> stop) {
        this.stop = stop;
    }

    public int getTopLogprobs() {
        return topLogprobs;
    }

    public void setTopLogprobs(int topLogprobs) {
        this.topLogprobs = topLogprobs;
    }
}
