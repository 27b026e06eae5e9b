package dev.kubetune.api.inferencerun;

import dev.kubetune.api.Kubetune;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Batch inference of a model, optionally with a LoRA adapter (a folder or a FoldTraining's fold),
 * over a data set, sharded across the pods of an Indexed Job.
 */
@Group(Kubetune.GROUP)
@Version(Kubetune.VERSION)
@Kind("InferenceRun")
@Plural("inferenceruns")
@Singular("inferencerun")
@ShortNames("ir")
@Categories(Kubetune.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Shards", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Rows", jsonPath = ".status.rows", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Metric", jsonPath = ".status.mainMetric.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Value", jsonPath = ".status.mainMetric.value", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class InferenceRun extends CustomResource<InferenceRunSpec, InferenceRunStatus> implements Namespaced {

    public static final String KIND = "InferenceRun";

    @Override
    protected InferenceRunStatus initStatus() {
        return new InferenceRunStatus();
    }
}
