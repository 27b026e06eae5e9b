package dev.kubetune.api.validation;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.spec.AdapterSpec;
import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.api.spec.FoldTrainingRef;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks that a schema cannot express: names usable for child objects, volume references,
 * duplicate labels, and references between resources of the same manifest.
 */
final class SpecChecks {

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private SpecChecks() {
    }

    static void check(CustomResource<?, ?> resource, List<CustomResource<?, ?>> all, BiConsumer<String, String> problems) {
        String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            problems.accept("metadata.name", "required");
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            problems.accept("metadata.name", "'" + name + "' must be a lowercase DNS subdomain (a-z, 0-9, '-', '.')");
        }
        ExperimentSpec spec = (ExperimentSpec) resource.getSpec();
        Set<String> volumes = volumeNames(spec, problems);
        requireVolume(volumes, spec.getModel().getVolume(), "spec.model.volume", problems);
        requireVolume(volumes, spec.getDataset().getVolume(), "spec.dataset.volume", problems);
        requireVolume(volumes, spec.getOutput().getVolume(), "spec.output.volume", problems);
        List<String> labels = spec.getPrompt().getLabels();
        if (labels != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < labels.size(); i++) {
                if (!seen.add(labels.get(i))) {
                    problems.accept("spec.prompt.labels[" + i + "]", "duplicate label '" + labels.get(i) + "'");
                }
            }
        }
        String pattern = spec.getPrompt().getExtractPattern();
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                problems.accept("spec.prompt.extractPattern", "not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
        if (resource instanceof InferenceRun run && run.getSpec().getAdapter() != null) {
            checkAdapter(run, all, volumes, problems);
        }
    }

    private static void checkAdapter(InferenceRun run, List<CustomResource<?, ?>> all, Set<String> volumes,
                                     BiConsumer<String, String> problems) {
        AdapterSpec adapter = run.getSpec().getAdapter();
        if (adapter.getVolume() != null) {
            requireVolume(volumes, adapter.getVolume(), "spec.adapter.volume", problems);
        }
        FoldTrainingRef ref = adapter.getFromFoldTraining();
        if (ref == null || ref.getFold() == null || ref.getFold().getIntVal() == null) {
            return;
        }
        int fold = ref.getFold().getIntVal();
        for (CustomResource<?, ?> other : all) {
            if (other instanceof FoldTraining training && ref.getName().equals(training.getMetadata().getName())
                    && Objects.equals(namespace(training), namespace(run))) {
                int k = training.getSpec().getFolds().getK();
                if (fold >= k) {
                    problems.accept("spec.adapter.fromFoldTraining.fold",
                            "fold " + fold + " does not exist: FoldTraining/" + ref.getName() + " has folds 0.." + (k - 1));
                }
            }
        }
    }

    private static Set<String> volumeNames(ExperimentSpec spec, BiConsumer<String, String> problems) {
        Set<String> names = new HashSet<>();
        List<Volume> volumes = spec.getVolumes() == null ? List.of() : spec.getVolumes();
        for (int i = 0; i < volumes.size(); i++) {
            String name = volumes.get(i).getName();
            if (name == null) {
                problems.accept("spec.volumes[" + i + "].name", "required");
            } else if (!names.add(name)) {
                problems.accept("spec.volumes[" + i + "].name", "duplicate volume '" + name + "'");
            }
        }
        return names;
    }

    private static void requireVolume(Set<String> volumes, String name, String path, BiConsumer<String, String> problems) {
        if (name != null && !volumes.contains(name)) {
            problems.accept(path, "no volume named '" + name + "' in spec.volumes");
        }
    }

    private static String namespace(CustomResource<?, ?> resource) {
        String ns = resource.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? "default" : ns;
    }
}
