package dev.kubetune.api.inferencerun;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.spec.AdapterSpec;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.api.spec.GenerationSpec;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Batch inference of a model (optionally with an adapter) over a data set, sharded across pods.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceRunSpec extends ExperimentSpec {

    @JsonPropertyDescription("A LoRA adapter applied to the model: a folder, or a fold of a FoldTraining.")
    private AdapterSpec adapter;

    @JsonPropertyDescription("Generation settings.")
    private GenerationSpec generation = new GenerationSpec();

    @JsonPropertyDescription("Pods of the Indexed Job; each takes a contiguous, order-keeping share of the rows.")
    @ValidationRule(value = "self >= 1", message = "must be ≥ 1")
    @Max(1024)
    @Default("1")
    private int shards = 1;

    public AdapterSpec getAdapter() {
        return adapter;
    }

    public void setAdapter(AdapterSpec adapter) {
        this.adapter = adapter;
    }

    public GenerationSpec getGeneration() {
        return generation;
    }

    public void setGeneration(GenerationSpec generation) {
        this.generation = generation;
    }

    public int getShards() {
        return shards;
    }

    public void setShards(int shards) {
        this.shards = shards;
    }
}
