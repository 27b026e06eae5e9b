package dev.kubetune.runner.report;

import dev.kubetune.runner.stats.Calibration;
import dev.kubetune.runner.stats.PairedComparison;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The statistics' plots: the comparisons' forest plot, reliability diagrams, learning curves. */
final class StatisticsCharts {

    private StatisticsCharts() {
    }

    /**
     * Each comparison's accuracy difference (A − B) as a point with its 95% interval as a horizontal bar,
     * one comparison per line, with a line at 0 (no difference).
     */
    static XYChart forest(List<PairedComparison> comparisons) {
        if (comparisons.isEmpty()) {
            return null;
        }
        int n = comparisons.size();
        XYChart chart = new XYChartBuilder().width(ReportCharts.WIDTH).height(Math.max(260, 120 + 70 * n))
                .title("Paired differences in accuracy, A − B (95% bootstrap intervals)").xAxisTitle("accuracy difference").build();
        ReportCharts.style(chart.getStyler());
        chart.getStyler().setYAxisMin(-0.5).setYAxisMax(n - 0.5);
        chart.getStyler().setYAxisTicksVisible(false);
        double lowest = comparisons.stream().mapToDouble(c -> c.accuracy().low()).min().orElse(0);
        double highest = comparisons.stream().mapToDouble(c -> c.accuracy().high()).max().orElse(0);
        double pad = Math.max(0.02, (Math.max(highest, 0) - Math.min(lowest, 0)) * 0.1);
        chart.getStyler().setXAxisMin(Math.min(lowest, 0) - pad).setXAxisMax(Math.max(highest, 0) + pad);
        XYSeries zero = chart.addSeries("no difference", new double[] {0, 0}, new double[] {-0.5, n - 0.5});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Color.GRAY);
        zero.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        for (int i = 0; i < n; i++) {
            PairedComparison c = comparisons.get(i);
            double y = n - 1 - i;
            String name = c.a() + " − " + c.b() + String.format(java.util.Locale.ROOT, " (p = %s)",
                    StatisticsTables.pValue(c.mcnemar().pValue()));
            XYSeries s = chart.addSeries(name, new double[] {c.accuracy().low(), c.accuracy().estimate(), c.accuracy().high()},
                    new double[] {y, y, y});
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineStyle(new BasicStroke(3f));
        }
        return chart;
    }

    /** Per arm with label probabilities: accuracy against mean confidence in each confidence bin, and the diagonal. */
    static XYChart reliability(List<ReportStatistics.ArmResult> arms) {
        List<ReportStatistics.ArmResult> calibrated = arms.stream().filter(a -> !a.figures().reliability().isEmpty()).toList();
        if (calibrated.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(ReportCharts.WIDTH).height(ReportCharts.HEIGHT)
                .title("Reliability (" + Calibration.BINS + " confidence bins)").xAxisTitle("mean confidence of the predicted label")
                .yAxisTitle("accuracy").build();
        ReportCharts.style(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries diagonal = chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        for (ReportStatistics.ArmResult a : calibrated) {
            List<Calibration.Bin> bins = a.figures().reliability();
            XYSeries s = chart.addSeries(a.arm().label(), bins.stream().mapToDouble(Calibration.Bin::confidence).toArray(),
                    bins.stream().mapToDouble(Calibration.Bin::accuracy).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** Out-of-fold accuracy against the train fraction, with interval error bars, one series per curve. */
    static XYChart learningCurve(List<LearningCurves.Curve> curves) {
        if (curves.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(ReportCharts.WIDTH).height(ReportCharts.HEIGHT)
                .title("Learning curve (out-of-fold accuracy, 95% intervals)").xAxisTitle("share of each fold's training rows")
                .yAxisTitle("accuracy").build();
        ReportCharts.style(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.05).setYAxisMin(0.0).setYAxisMax(1.0);
        for (LearningCurves.Curve curve : curves) {
            double[] x = curve.points().stream().mapToDouble(LearningCurves.Point::trainFraction).toArray();
            double[] y = curve.points().stream().mapToDouble(p -> p.accuracy().estimate()).toArray();
            // XChart draws symmetric error bars: the larger half of each interval
            double[] err = curve.points().stream().mapToDouble(p -> Math.max(p.accuracy().estimate() - p.accuracy().low(),
                    p.accuracy().high() - p.accuracy().estimate())).toArray();
            chart.addSeries(curve.name(), x, y, err).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }
}
