package dev.kubetune.runner.cli;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.job.RunnerTask;
import dev.kubetune.api.validation.ManifestValidator;
import dev.kubetune.api.validation.ValidationReport;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.manifest.ManifestFiles;
import io.fabric8.kubernetes.api.model.Volume;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options {@code train-fold} and {@code kfold} share: a manifest holding a FoldTraining, and where
 * its volumes are on this machine (by default the folder {@code volumes/<name>} beside the manifest).
 */
final class FoldSpecOptions {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Manifest with the FoldTraining.")
    Path spec;

    @Option(names = "--name", paramLabel = "NAME", description = "Which FoldTraining, when the manifest has several.")
    String name;

    @Option(names = "--volume", paramLabel = "NAME=DIR", description = "Where a volume of spec.volumes is (repeatable; "
            + "default: volumes/<name> beside the manifest).")
    Map<String, Path> volumes = new LinkedHashMap<>();

    /** The validated FoldTraining, defaults applied; every problem is bad input. */
    FoldTraining resource() {
        ValidationReport report = ManifestValidator.validate(ManifestFiles.read(List.of(spec), false, System.in));
        if (!report.isValid()) {
            throw new BadInputException(report.problems().get(0) + (report.problems().size() > 1
                    ? " (and " + (report.problems().size() - 1) + " more problem(s); see kubetune validate)" : ""));
        }
        List<FoldTraining> trainings = report.resources().stream().filter(FoldTraining.class::isInstance)
                .map(FoldTraining.class::cast).filter(r -> name == null || name.equals(r.getMetadata().getName())).toList();
        if (trainings.size() != 1) {
            throw new BadInputException(spec + ": " + (trainings.isEmpty() ? "no FoldTraining" : trainings.size()
                    + " FoldTrainings") + (name == null ? "" : " named '" + name + "'") + " (pick one with --name)");
        }
        return trainings.get(0);
    }

    /** The task a pod would get, with local folders for the volumes. */
    RunnerTask task(FoldTraining training) {
        Path beside = spec.toAbsolutePath().getParent().resolve("volumes");
        Map<String, String> mounts = new LinkedHashMap<>();
        List<Volume> declared = training.getSpec().getVolumes() == null ? List.of() : training.getSpec().getVolumes();
        declared.forEach(v -> mounts.put(v.getName(), beside.resolve(v.getName()).toString()));
        volumes.forEach((volume, folder) -> mounts.put(volume, folder.toAbsolutePath().toString()));
        String namespace = training.getMetadata().getNamespace() == null ? "default" : training.getMetadata().getNamespace();
        Long generation = training.getMetadata().getGeneration();
        return new RunnerTask(FoldTraining.KIND, namespace, training.getMetadata().getName(),
                generation == null ? 0 : generation, training.getSpec(), null, mounts, null);
    }
}
