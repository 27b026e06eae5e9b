package dev.kubetune.runner.local;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.status.ExperimentStatus;
import dev.kubetune.api.status.MainMetric;
import java.util.List;
import java.util.Locale;

/** The executor's live view, like {@code kubectl get ft,ir}: one line per resource. */
final class StatusTable {

    private StatusTable() {
    }

    static String render(List<LocalExperiment> experiments) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s %-10s %-8s %-10s %-8s %s%n",
                "NAME", "PHASE", "UNITS", "METRIC", "VALUE", "ROWS"));
        for (LocalExperiment e : experiments) {
            ExperimentStatus status = (ExperimentStatus) e.resource.getStatus();
            MainMetric main = e.resource instanceof FoldTraining t ? t.getStatus().getMainMetric()
                    : ((InferenceRun) e.resource).getStatus().getMainMetric();
            String progress = e.resource instanceof FoldTraining t ? t.getStatus().getProgress()
                    : ((InferenceRun) e.resource).getStatus().getProgress();
            String rows = e.resource instanceof InferenceRun r && r.getStatus().getRows() != null
                    ? r.getStatus().getRows().toString() : "";
            sb.append(String.format(Locale.ROOT, "%-40s %-10s %-8s %-10s %-8s %s%n", truncate(e.name(), 40),
                    status.getPhase(), progress, main == null ? "" : main.getName(),
                    main == null || main.getValue() == null ? "–" : String.format(Locale.ROOT, "%.4f", main.getValue()), rows));
        }
        return sb.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
