package dev.kubetune.runner.report;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.stats.ArmFigures;
import dev.kubetune.runner.stats.Bootstrap;
import dev.kubetune.runner.stats.PairedComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's statistics: every arm's metrics with bootstrap intervals, the paired comparisons (declared
 * in the report configuration, else every pair of arms sharing rows) and the learning curves. An arm
 * scored on rows its adapter trained on keeps its figures, flagged, and is never compared.
 *
 * @param bootstrap   how the intervals were drawn
 * @param arms        each arm with its figures
 * @param comparisons the paired comparisons, A − B
 * @param curves      learning curves (FoldTrainings that differ only in training.trainFraction)
 * @param notes       what was left out and why
 */
public record ReportStatistics(Bootstrap bootstrap, List<ArmResult> arms, List<PairedComparison> comparisons,
                        List<LearningCurves.Curve> curves, List<String> notes) {

    /** An arm and its figures. */
    record ArmResult(Arm arm, ArmFigures figures) {}

    static final ReportStatistics NONE = new ReportStatistics(Bootstrap.DEFAULT, List.of(), List.of(), List.of(), List.of());

    static ReportStatistics compute(List<io.fabric8.kubernetes.client.CustomResource<?, ?>> resources, List<Arm> arms,
                                    ReportConfig config, List<String> notes) {
        Bootstrap bootstrap = config.bootstrapOrDefault();
        List<ArmResult> results = arms.stream().map(a -> new ArmResult(a, ArmFigures.of(a.rows(), a.labels(), bootstrap))).toList();
        List<LearningCurves.Curve> curves = LearningCurves.of(resources, name -> results.stream()
                .filter(r -> r.arm().resource().equals(name)).map(r -> r.figures().metrics().get("accuracy"))
                .findFirst().orElse(null));
        List<String> names = resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
        List<PairedComparison> comparisons = new ArrayList<>();
        for (Arm[] pair : pairs(arms, config, notes, names)) {
            Arm a = pair[0];
            Arm b = pair[1];
            Optional<Arm> leaked = a.leaked() ? Optional.of(a) : b.leaked() ? Optional.of(b) : Optional.empty();
            if (leaked.isPresent()) {
                notes.add(a.resource() + " vs " + b.resource() + ": not compared, " + leaked.get().resource() + " is scored on "
                        + leaked.get().trainedRows() + " rows its adapter trained on");
                continue;
            }
            List<String> labels = new ArrayList<>(a.labels());
            b.labels().stream().filter(l -> !labels.contains(l)).forEach(labels::add);
            PairedComparison c = PairedComparison.compare(a.label(), a.rows(), b.label(), b.rows(), labels, bootstrap);
            if (c.sharedRows() == 0) {
                notes.add(a.resource() + " vs " + b.resource() + ": no row in common, not compared");
                continue;
            }
            comparisons.add(c);
        }
        return new ReportStatistics(bootstrap, results, List.copyOf(comparisons), curves, List.copyOf(notes));
    }

    private static List<Arm[]> pairs(List<Arm> arms, ReportConfig config, List<String> notes, List<String> resources) {
        List<Arm[]> pairs = new ArrayList<>();
        if (config.comparisons() != null && !config.comparisons().isEmpty()) {
            for (int i = 0; i < config.comparisons().size(); i++) {
                ReportConfig.Pair p = config.comparisons().get(i);
                Optional<Arm> a = find(arms, p.a(), "comparisons[" + i + "].a", notes, resources);
                Optional<Arm> b = find(arms, p.b(), "comparisons[" + i + "].b", notes, resources);
                if (a.isPresent() && b.isPresent()) {
                    pairs.add(new Arm[] {a.get(), b.get()});
                }
            }
            return pairs;
        }
        List<Arm> ordered = new ArrayList<>(arms.stream().filter(a -> a.resource().startsWith("FoldTraining/")).toList());
        arms.stream().filter(a -> !a.resource().startsWith("FoldTraining/")).forEach(ordered::add);
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                Arm a = ordered.get(i);
                Arm b = ordered.get(j);
                boolean shared = a.rows().stream().map(r -> r.id()).anyMatch(new java.util.HashSet<>(
                        b.rows().stream().map(r -> r.id()).toList())::contains);
                if (shared) {
                    pairs.add(new Arm[] {a, b});
                }
            }
        }
        return pairs;
    }

    private static Optional<Arm> find(List<Arm> arms, String reference, String field, List<String> notes, List<String> resources) {
        Optional<Arm> arm = arms.stream().filter(a -> a.named(reference)).findFirst();
        if (arm.isEmpty()) {
            boolean known = resources.stream().anyMatch(r -> r.equals(reference) || r.substring(r.indexOf('/') + 1).equals(reference));
            if (!known) {
                throw new BadInputException("report configuration: " + field + ": no FoldTraining or InferenceRun named '"
                        + reference + "' (known: " + String.join(", ", resources) + ")");
            }
            notes.add(field + ": " + reference + " has no labelled predictions to compare");
        }
        return arm;
    }
}
