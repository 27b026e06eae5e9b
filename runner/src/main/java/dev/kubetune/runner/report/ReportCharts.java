package dev.kubetune.runner.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots, drawn headless with XChart and saved as PNG and SVG. */
final class ReportCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 540;

    private ReportCharts() {
    }

    /** Saves every plot that has data into {@code dir}; returns the base names written. */
    static List<String> write(List<ReportRow> rows, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        save(scores(rows), dir, "accuracy_by_model", written);
        save(f1VersusLatency(rows), dir, "f1_vs_latency", written);
        save(bars(rows, "Generated tokens per second", "tokens/s", r -> r.tokensPerSecond()), dir, "tokens_per_second", written);
        save(bars(rows, "Peak memory per unit", "MiB", r -> r.peakMemoryBytes() == null ? null
                : new Measure(r.peakMemoryBytes().value() / (1 << 20), null)), dir, "peak_memory", written);
        save(foldSpread(rows), dir, "fold_spread", written);
        return written;
    }

    static CategoryChart scores(List<ReportRow> rows) {
        List<ReportRow> scored = rows.stream().filter(r -> r.accuracy() != null).toList();
        if (scored.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Accuracy and macro-F1 by model (error bars: std over folds)").yAxisTitle("score").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        List<String> labels = scored.stream().map(ReportRow::label).toList();
        chart.addSeries("accuracy", labels, values(scored, ReportRow::accuracy), errors(scored, ReportRow::accuracy));
        if (scored.stream().allMatch(r -> r.macroF1() != null)) {
            chart.addSeries("macro-F1", labels, values(scored, ReportRow::macroF1), errors(scored, ReportRow::macroF1));
        }
        return chart;
    }

    static XYChart f1VersusLatency(List<ReportRow> rows) {
        List<ReportRow> points = rows.stream().filter(r -> r.macroF1() != null && r.latencyP50Ms() != null).toList();
        if (points.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Macro-F1 versus latency")
                .xAxisTitle("per-row latency p50 (ms)").yAxisTitle("macro-F1").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        double minX = points.stream().mapToDouble(r -> r.latencyP50Ms().value()).min().orElseThrow();
        double maxX = points.stream().mapToDouble(r -> r.latencyP50Ms().value()).max().orElseThrow();
        double minY = points.stream().mapToDouble(r -> r.macroF1().value()).min().orElseThrow();
        double maxY = points.stream().mapToDouble(r -> r.macroF1().value()).max().orElseThrow();
        double padX = Math.max((maxX - minX) * 0.15, Math.max(maxX * 0.1, 1));
        double padY = Math.max((maxY - minY) * 0.15, 0.02);
        chart.getStyler().setXAxisMin(Math.max(0, minX - padX)).setXAxisMax(maxX + padX);
        chart.getStyler().setYAxisMin(Math.max(0, minY - padY)).setYAxisMax(Math.min(1, maxY + padY));
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (ReportRow r : points) {
            double x = r.latencyP50Ms().value();
            double y = r.macroF1().value();
            XYSeries s = chart.addSeries(r.label(), new double[] {x}, new double[] {y});
            s.setMarker(SeriesMarkers.CIRCLE);
            chart.addAnnotation(new AnnotationText(r.model(), x, y + padY / 3, false));
        }
        return chart;
    }

    static CategoryChart bars(List<ReportRow> rows, String title, String unit, Function<ReportRow, Measure> metric) {
        List<ReportRow> present = rows.stream().filter(r -> metric.apply(r) != null).toList();
        if (present.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title + " by model")
                .yAxisTitle(unit).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(unit, present.stream().map(ReportRow::label).toList(), values(present, metric));
        return chart;
    }

    static BoxChart foldSpread(List<ReportRow> rows) {
        List<ReportRow> kfold = rows.stream().filter(r -> r.foldScores().size() > 1).toList();
        if (kfold.isEmpty()) {
            return null;
        }
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Per-fold " + kfold.get(0).mainMetric() + " spread").yAxisTitle(kfold.get(0).mainMetric()).build();
        style(chart.getStyler());
        for (ReportRow r : kfold) {
            chart.addSeries(r.label(), r.foldScores());
        }
        return chart;
    }

    static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartPadding(16);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            axes.setXAxisLabelRotation(15);
        }
    }

    private static List<Double> values(List<ReportRow> rows, Function<ReportRow, Measure> metric) {
        return rows.stream().map(r -> metric.apply(r).value()).toList();
    }

    private static List<Double> errors(List<ReportRow> rows, Function<ReportRow, Measure> metric) {
        return rows.stream().map(r -> metric.apply(r).std() == null ? 0.0 : metric.apply(r).std()).toList();
    }

    static void save(Chart<?, ?> chart, Path dir, String name, List<String> written) throws IOException {
        if (chart == null) {
            return;
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name + ".svg").toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        written.add(name);
    }
}
