package dev.kubetune.runner.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.runner.stats.Interval;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learning curves: FoldTrainings whose specs are equal but for {@code training.trainFraction} form one
 * curve, the out-of-fold accuracy (with its interval) against the share of training rows used.
 */
final class LearningCurves {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** One point: a FoldTraining, its train fraction (1 when absent) and its out-of-fold accuracy. */
    record Point(String resource, double trainFraction, Interval accuracy) {}

    /** Points in fraction order; a curve has at least two fractions. */
    record Curve(String name, List<Point> points) {}

    private LearningCurves() {
    }

    /** @param accuracy the out-of-fold accuracy interval of a FoldTraining (Kind/name), null when unknown */
    static List<Curve> of(List<CustomResource<?, ?>> resources, java.util.function.Function<String, Interval> accuracy) {
        Map<String, List<Point>> groups = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (CustomResource<?, ?> r : resources) {
            if (!(r instanceof FoldTraining t) || t.getStatus() == null) {
                continue;
            }
            String resource = "FoldTraining/" + t.getMetadata().getName();
            Interval acc = accuracy.apply(resource);
            if (acc == null && t.getStatus().getOutOfFold() != null && t.getStatus().getOutOfFold().getMetrics() != null) {
                Double value = t.getStatus().getOutOfFold().getMetrics().get(MetricNames.ACCURACY);
                acc = value == null ? null : new Interval(value, value, value);
            }
            if (acc == null) {
                continue;
            }
            ObjectNode spec = YAML.valueToTree(t.getSpec());
            ((ObjectNode) spec.path("training")).remove("trainFraction");
            String key = spec.toString();
            Double fraction = t.getSpec().getTraining().getTrainFraction();
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(new Point(resource, fraction == null ? 1.0 : fraction, acc));
            names.putIfAbsent(key, t.getSpec().getModel().getPath());
        }
        List<Curve> curves = new ArrayList<>();
        groups.forEach((key, points) -> {
            if (points.stream().map(Point::trainFraction).distinct().count() >= 2) {
                curves.add(new Curve(names.get(key), points.stream().sorted(Comparator.comparingDouble(Point::trainFraction)).toList()));
            }
        });
        return curves;
    }
}
