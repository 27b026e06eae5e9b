package dev.kubetune.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What FoldTraining and InferenceRun status share: phase and conditions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentStatus {

    @JsonPropertyDescription("Pending, Waiting, Running, Suspended, Succeeded or Failed.")
    private Phase phase;

    @JsonPropertyDescription("The spec generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, Progressing, Failed, Suspended, Waiting; Kubernetes conventions.")
    private List<Condition> conditions = new ArrayList<>();

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
