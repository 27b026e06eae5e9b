package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Where and how the pods are scheduled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchedulingSpec {

    @JsonPropertyDescription("At most this many unfinished fold Jobs at once (FoldTraining); unset means all.")
    @Min(1)
    private Integer maxParallelFolds;

    @JsonPropertyDescription("Kueue LocalQueue: Jobs get the kueue.x-k8s.io/queue-name label and start suspended until admitted.")
    private String queueName;

    @JsonPropertyDescription("PriorityClass of the pods.")
    private String priorityClassName;

    @JsonPropertyDescription("Node labels the pods must match.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the pods.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Affinity of the pods.")
    private Affinity affinity;

    public Integer getMaxParallelFolds() {
        return maxParallelFolds;
    }

    public void setMaxParallelFolds(Integer maxParallelFolds) {
        this.maxParallelFolds = maxParallelFolds;
    }

    public String getQueueName() {
        return queueName;
    }

    public void setQueueName(String queueName) {
        this.queueName = queueName;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }
}
