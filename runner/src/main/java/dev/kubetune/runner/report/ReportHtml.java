package dev.kubetune.runner.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One self-contained HTML page: the table and the SVG plots inline, nothing fetched when opened. */
final class ReportHtml {

    private ReportHtml() {
    }

    static String render(List<ReportRow> rows, List<String> charts, Path chartDir) throws IOException {
        return render(rows, "", charts, chartDir);
    }

    /** With {@code statistics} (Markdown, see {@link MarkdownHtml}) between the table and the plots. */
    static String render(List<ReportRow> rows, String statistics, List<String> charts, Path chartDir) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>kubetune report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:nth-child(-n+4){text-align:left}figure{margin:2em 0}</style></head><body>\n")
                .append("<h1>kubetune report</h1>\n<table>\n<tr>");
        for (String h : List.of("model", "type", "size", "training", "accuracy", "macro-F1", "latency p50 (ms)",
                "latency p95 (ms)", "tokens/s", "peak memory (MiB)", "truncated rows")) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (Map<String, Object> r : ReportTables.records(rows)) {
            sb.append("<tr>");
            for (String c : List.of("model", "variant", "size", "training")) {
                sb.append("<td>").append(escape(String.valueOf(r.get(c)))).append("</td>");
            }
            sb.append(cell(r.get("accuracy"), r.get("accuracy_std"))).append(cell(r.get("macro_f1"), r.get("macro_f1_std")))
                    .append(cell(r.get("latency_p50_ms"), null)).append(cell(r.get("latency_p95_ms"), null))
                    .append(cell(r.get("tokens_per_second"), null)).append(cell(r.get("peak_memory_mib"), null))
                    .append(cell(r.get("truncated_rows"), null)).append("</tr>\n");
        }
        sb.append("</table>\n").append(MarkdownHtml.render(statistics));
        for (String chart : charts) {
            String svg = Files.readString(chartDir.resolve(chart + ".svg"));
            sb.append("<figure>").append(svg.substring(Math.max(0, svg.indexOf("<svg")))).append("</figure>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String cell(Object value, Object std) {
        if (value == null) {
            return "<td>–</td>";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "<td>" + value + "</td>";
        }
        double v = ((Number) value).doubleValue();
        String text = v >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", v) : String.format(java.util.Locale.ROOT, "%.3f", v);
        if (std != null) {
            text += String.format(java.util.Locale.ROOT, " ± %.3f", ((Number) std).doubleValue());
        }
        return "<td>" + text + "</td>";
    }

    private static String escape(String s) {
        return MarkdownHtml.escape(s);
    }
}
