package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.MetricNames;
import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.foldtraining.FoldSummary;
import dev.kubetune.api.spec.Metric;
import dev.kubetune.api.status.MetricStats;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The per-fold table of {@code kfold} and {@code train-fold}, with a mean ± std row when there is a summary. */
final class FoldTable {

    private FoldTable() {
    }

    static void print(PrintWriter out, List<RunnerResult> folds, FoldSummary summary, List<Metric> metrics) {
        List<String> columns = new ArrayList<>(metrics.stream().map(Metric::value).toList());
        columns.addAll(List.of(MetricNames.TRAIN_LOSS, MetricNames.VALIDATION_LOSS, MetricNames.TRAIN_SECONDS));
        StringBuilder header = new StringBuilder(String.format("%-8s %6s %6s %6s", "fold", "train", "val", "test"));
        columns.forEach(c -> header.append(String.format(" %17s", c)));
        out.println(header);
        for (RunnerResult r : folds) {
            StringBuilder line = new StringBuilder(String.format("%-8s %6d %6d %6d", r.unit(), r.trainRows(),
                    r.validationRows(), r.rows()));
            columns.forEach(c -> {
                Double v = r.metrics() == null ? null : r.metrics().get(c);
                line.append(String.format(" %17s", v == null ? "-" : String.format("%.4f", v)));
            });
            out.println(line);
        }
        if (summary != null) {
            StringBuilder line = new StringBuilder(String.format("%-29s", "mean ± std"));
            columns.forEach(c -> {
                MetricStats s = summary.getMetrics() == null ? null : summary.getMetrics().get(c);
                line.append(String.format(" %17s", s == null ? "-" : String.format("%.4f ± %.4f", s.getMean(), s.getStd())));
            });
            out.println(line);
            out.printf("folds succeeded %d/%d · best fold %s%n", summary.getFoldsSucceeded(), summary.getFoldsTotal(),
                    summary.getBestFold() == null ? "-" : "fold-" + summary.getBestFold());
        }
        out.flush();
    }
}
