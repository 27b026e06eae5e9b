package dev.kubetune.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The main metric (the first of spec.evaluation.metrics), as kubectl get shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MainMetric {

    @JsonPropertyDescription("Metric name.")
    private String name;

    @JsonPropertyDescription("Its value: the mean over folds for a FoldTraining.")
    private Double value;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Double getValue() {
        return value;
    }

    public void setValue(Double value) {
        this.value = value;
    }
}
