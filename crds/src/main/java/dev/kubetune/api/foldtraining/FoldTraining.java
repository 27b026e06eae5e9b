package dev.kubetune.api.foldtraining;

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
 * k-fold LoRA fine-tuning of a model on a labelled data set: one adapter per fold, evaluated on
 * the held-out fold, with mean and standard deviation over folds in status.
 */
@Group(Kubetune.GROUP)
@Version(Kubetune.VERSION)
@Kind("FoldTraining")
@Plural("foldtrainings")
@Singular("foldtraining")
@ShortNames("ft")
@Categories(Kubetune.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Folds", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Metric", jsonPath = ".status.mainMetric.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Mean", jsonPath = ".status.mainMetric.value", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class FoldTraining extends CustomResource<FoldTrainingSpec, FoldTrainingStatus> implements Namespaced {

    public static final String KIND = "FoldTraining";

    @Override
    protected FoldTrainingStatus initStatus() {
        return new FoldTrainingStatus();
    }
}
