package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;

/**
 * What FoldTraining and InferenceRun share: the model, the data, the prompt, scoring, and how pods run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentSpec {

    @JsonPropertyDescription("The base model folder.")
    @Required
    private ModelSpec model;

    @JsonPropertyDescription("The data set and the rows to use.")
    @Required
    private DatasetSpec dataset;

    @JsonPropertyDescription("Prompt template, chat template and label extraction.")
    private PromptSpec prompt = new PromptSpec();

    @JsonPropertyDescription("Metrics, when the data has labels.")
    private EvaluationSpec evaluation = new EvaluationSpec();

    @JsonPropertyDescription("Where artifacts go and the predictions' format.")
    private OutputSpec output = new OutputSpec();

    @JsonPropertyDescription("Compute per pod.")
    private ResourcesSpec resources = new ResourcesSpec();

    @JsonPropertyDescription("Node selection, Kueue queue, priority and parallelism.")
    private SchedulingSpec scheduling = new SchedulingSpec();

    @JsonPropertyDescription("Kubernetes volumes named by model, dataset, adapter and output (PVC, NFS, CSI, image volume...). Model and data are mounted read-only, the output volume read-write. Locally, kubetune run maps each name to a folder.")
    private List<Volume> volumes;

    @JsonPropertyDescription("The runner container.")
    private RunnerSpec runner = new RunnerSpec();

    @JsonPropertyDescription("Suspend unfinished Jobs (true) or resume them (false).")
    @Default("false")
    private boolean suspend = false;

    @JsonPropertyDescription("Retries per unit for retryable failures (bad input is never retried).")
    @Min(0)
    @Default("2")
    private int backoffLimit = 2;

    public ModelSpec getModel() {
        return model;
    }

    public void setModel(ModelSpec model) {
        this.model = model;
    }

    public DatasetSpec getDataset() {
        return dataset;
    }

    public void setDataset(DatasetSpec dataset) {
        this.dataset = dataset;
    }

    public PromptSpec getPrompt() {
        return prompt;
    }

    public void setPrompt(PromptSpec prompt) {
        this.prompt = prompt;
    }

    public EvaluationSpec getEvaluation() {
        return evaluation;
    }

    public void setEvaluation(EvaluationSpec evaluation) {
        this.evaluation = evaluation;
    }

    public OutputSpec getOutput() {
        return output;
    }

    public void setOutput(OutputSpec output) {
        this.output = output;
    }

    public ResourcesSpec getResources() {
        return resources;
    }

    public void setResources(ResourcesSpec resources) {
        this.resources = resources;
    }

    public SchedulingSpec getScheduling() {
        return scheduling;
    }

    public void setScheduling(SchedulingSpec scheduling) {
        this.scheduling = scheduling;
    }

    public List<Volume> getVolumes() {
        return volumes;
    }

    public void setVolumes(List<Volume> volumes) {
        this.volumes = volumes;
    }

    public RunnerSpec getRunner() {
        return runner;
    }

    public void setRunner(RunnerSpec runner) {
        this.runner = runner;
    }

    public boolean isSuspend() {
        return suspend;
    }

    public void setSuspend(boolean suspend) {
        this.suspend = suspend;
    }

    public int getBackoffLimit() {
        return backoffLimit;
    }

    public void setBackoffLimit(int backoffLimit) {
        this.backoffLimit = backoffLimit;
    }
}
