package dev.kubetune.api.foldtraining;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.api.spec.FoldsSpec;
import dev.kubetune.api.spec.LoraSpec;
import dev.kubetune.api.spec.TrainingSpec;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * k-fold LoRA fine-tuning: one adapter per fold, evaluated on the held-out fold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.dataset.labelField)", message = "a FoldTraining needs dataset.labelField", fieldPath = ".dataset")
public class FoldTrainingSpec extends ExperimentSpec {

    @JsonPropertyDescription("Number of folds, seed and stratification.")
    private FoldsSpec folds = new FoldsSpec();

    @JsonPropertyDescription("Fine-tuning settings.")
    private TrainingSpec training = new TrainingSpec();

    @JsonPropertyDescription("LoRA adapter settings.")
    private LoraSpec lora = new LoraSpec();

    public FoldsSpec getFolds() {
        return folds;
    }

    public void setFolds(FoldsSpec folds) {
        this.folds = folds;
    }

    public TrainingSpec getTraining() {
        return training;
    }

    public void setTraining(TrainingSpec training) {
        this.training = training;
    }

    public LoraSpec getLora() {
        return lora;
    }

    public void setLora(LoraSpec lora) {
        this.lora = lora;
    }
}
