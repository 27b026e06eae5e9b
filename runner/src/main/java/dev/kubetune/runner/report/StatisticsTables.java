package dev.kubetune.runner.report;

import dev.kubetune.runner.stats.Interval;
import dev.kubetune.runner.stats.PairedComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The statistics as Markdown sections and as JSON-ready records (NaN written as null). */
final class StatisticsTables {

    static final List<String> METRICS = List.of("accuracy", "macro_f1", "log_loss", "brier", "ece", "roc_auc");
    static final List<String> HEADERS = List.of("accuracy", "macro-F1", "log-loss", "Brier", "ECE", "ROC-AUC");
    private static final int NAMED_IDS = 10;

    private StatisticsTables() {
    }

    static String markdown(ReportStatistics s) {
        StringBuilder sb = new StringBuilder();
        if (!s.arms().isEmpty()) {
            sb.append("\n## Scores with 95% intervals\n\nBootstrap over rows: ").append(s.bootstrap().resamples())
                    .append(" resamples, seed ").append(s.bootstrap().seed())
                    .append("; a FoldTraining is scored on its out-of-fold predictions (every row once, by the fold that did not train on it).\n\n")
                    .append("| arm | rows | ").append(String.join(" | ", HEADERS)).append(" | note |\n|")
                    .append(" --- | ---: |".repeat(1)).append(" ---: |".repeat(HEADERS.size())).append(" --- |\n");
            for (ReportStatistics.ArmResult r : s.arms()) {
                sb.append("| ").append(r.arm().label()).append(" | ").append(r.figures().rows());
                for (String m : METRICS) {
                    Interval i = r.figures().metrics().get(m);
                    sb.append(" | ").append(i == null ? "–" : i.format(3));
                }
                sb.append(" | ").append(leakNote(r.arm())).append(" |\n");
            }
        }
        if (!s.comparisons().isEmpty()) {
            sb.append("\n## Paired comparisons (A − B on the rows both scored)\n\n")
                    .append("| A | B | rows | Δ accuracy [95% CI] | Δ macro-F1 [95% CI] | only A right / only B right | McNemar p | rows not shared |\n")
                    .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
            for (PairedComparison c : s.comparisons()) {
                sb.append("| ").append(c.a()).append(" | ").append(c.b()).append(" | ").append(c.sharedRows())
                        .append(" | ").append(signed(c.accuracy())).append(" | ").append(signed(c.macroF1()))
                        .append(" | ").append(c.mcnemar().onlyA()).append(" / ").append(c.mcnemar().onlyB())
                        .append(" | ").append(pValue(c.mcnemar().pValue())).append(" | ").append(notShared(c)).append(" |\n");
            }
            for (PairedComparison c : s.comparisons()) {
                sb.append("\nPer class, ").append(c.a()).append(" − ").append(c.b()).append(":\n\n")
                        .append("| label | rows | recall A | recall B | Δ recall | F1 A | F1 B | Δ F1 |\n")
                        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
                c.perClass().forEach((label, d) -> sb.append("| ").append(label).append(" | ").append(d.support())
                        .append(" | ").append(num(d.recallA())).append(" | ").append(num(d.recallB()))
                        .append(" | ").append(num(d.recallDifference())).append(" | ").append(num(d.f1A()))
                        .append(" | ").append(num(d.f1B())).append(" | ").append(num(d.f1Difference())).append(" |\n"));
            }
        }
        for (LearningCurves.Curve curve : s.curves()) {
            sb.append("\n## Learning curve: ").append(curve.name()).append("\n\n| train fraction | FoldTraining | out-of-fold accuracy |\n| ---: | --- | ---: |\n");
            curve.points().forEach(p -> sb.append("| ").append(num(p.trainFraction())).append(" | ").append(p.resource())
                    .append(" | ").append(p.accuracy().format(3)).append(" |\n"));
        }
        if (!s.notes().isEmpty()) {
            sb.append("\nNotes:\n\n");
            s.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    static String leakNote(Arm arm) {
        return arm.leaked() ? "⚠ scored on " + arm.trainedRows() + " rows its adapter trained on: not an honest estimate, not compared" : "";
    }

    static String notShared(PairedComparison c) {
        if (c.onlyInA().isEmpty() && c.onlyInB().isEmpty() && c.goldConflicts().isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (!c.onlyInA().isEmpty()) {
            parts.add(c.onlyInA().size() + " only in A (" + ids(c.onlyInA()) + ")");
        }
        if (!c.onlyInB().isEmpty()) {
            parts.add(c.onlyInB().size() + " only in B (" + ids(c.onlyInB()) + ")");
        }
        if (!c.goldConflicts().isEmpty()) {
            parts.add(c.goldConflicts().size() + " with different gold labels (" + ids(c.goldConflicts()) + ")");
        }
        return String.join("; ", parts);
    }

    private static String ids(List<String> ids) {
        String shown = String.join(", ", ids.subList(0, Math.min(NAMED_IDS, ids.size())));
        return ids.size() > NAMED_IDS ? shown + ", … " + (ids.size() - NAMED_IDS) + " more in report.json" : shown;
    }

    static String signed(Interval i) {
        return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", i.estimate(), i.low(), i.high());
    }

    static String pValue(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** For report.json. */
    static Map<String, Object> json(ReportStatistics s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bootstrap", Map.of("resamples", s.bootstrap().resamples(), "seed", s.bootstrap().seed(), "level", 0.95));
        List<Map<String, Object>> arms = new ArrayList<>();
        for (ReportStatistics.ArmResult r : s.arms()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("resource", r.arm().resource());
            a.put("label", r.arm().label());
            a.put("rows", r.figures().rows());
            a.put("trained_rows", r.arm().trainedRows());
            a.put("leakage", r.arm().leaked());
            Map<String, Object> metrics = new LinkedHashMap<>();
            r.figures().metrics().forEach((name, i) -> metrics.put(name, interval(i)));
            a.put("metrics", metrics);
            a.put("reliability", r.figures().reliability());
            arms.add(a);
        }
        out.put("arms", arms);
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (PairedComparison c : s.comparisons()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a", c.a());
            m.put("b", c.b());
            m.put("shared_rows", c.sharedRows());
            m.put("accuracy_difference", interval(c.accuracy()));
            m.put("macro_f1_difference", interval(c.macroF1()));
            m.put("mcnemar", c.mcnemar());
            Map<String, Object> perClass = new LinkedHashMap<>();
            c.perClass().forEach((label, d) -> {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("support", d.support());
                figures.put("recall_a", nullable(d.recallA()));
                figures.put("recall_b", nullable(d.recallB()));
                figures.put("f1_a", d.f1A());
                figures.put("f1_b", d.f1B());
                perClass.put(label, figures);
            });
            m.put("per_class", perClass);
            m.put("only_in_a", c.onlyInA());
            m.put("only_in_b", c.onlyInB());
            m.put("gold_conflicts", c.goldConflicts());
            comparisons.add(m);
        }
        out.put("comparisons", comparisons);
        out.put("learning_curves", s.curves());
        out.put("notes", s.notes());
        return out;
    }

    private static Map<String, Object> interval(Interval i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimate", nullable(i.estimate()));
        m.put("low", nullable(i.low()));
        m.put("high", nullable(i.high()));
        return m;
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
