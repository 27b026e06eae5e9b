package dev.kubetune.runner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The comparison table as Markdown, CSV and JSON. */
final class ReportTables {

    static final List<String> COLUMNS = List.of("model", "variant", "size", "parameters", "training", "accuracy",
            "accuracy_std", "macro_f1", "macro_f1_std", "latency_p50_ms", "latency_p95_ms", "tokens_per_second",
            "peak_memory_mib", "truncated_rows", "resource");

    private ReportTables() {
    }

    static String markdown(List<ReportRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | type | size | training | accuracy | macro-F1 | latency p50 / p95 (ms) | tokens/s | peak memory (MiB) | truncated rows |\n");
        sb.append("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ReportRow r : rows) {
            sb.append("| ").append(r.model()).append(" | ").append(r.variant()).append(" | ").append(r.size())
                    .append(" | ").append(r.training().replace("|", "\\|"))
                    .append(" | ").append(fmt(r.accuracy(), 3)).append(" | ").append(fmt(r.macroF1(), 3))
                    .append(" | ").append(fmt(r.latencyP50Ms(), 1)).append(" / ").append(fmt(r.latencyP95Ms(), 1))
                    .append(" | ").append(fmt(r.tokensPerSecond(), 1)).append(" | ").append(mib(r.peakMemoryBytes()))
                    .append(" | ").append(r.truncatedRows() == null ? "–" : r.truncatedRows().toString()).append(" |\n");
        }
        return sb.toString();
    }

    static String csv(List<ReportRow> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try {
            return new CsvMapper().writer(schema.build()).writeValueAsString(records(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(List<ReportRow> rows) {
        return json(rows, Map.of());
    }

    /** The rows and, beside them, the statistics' sections. */
    static String json(List<ReportRow> rows, Map<String, Object> statistics) {
        ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("rows", records(rows));
        all.putAll(statistics);
        try {
            return json.writeValueAsString(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One flat record per row, numbers as numbers, in {@link #COLUMNS} order. */
    static List<Map<String, Object>> records(List<ReportRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReportRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("variant", r.variant());
            m.put("size", r.size());
            m.put("parameters", r.parameters());
            m.put("training", r.training());
            m.put("accuracy", value(r.accuracy()));
            m.put("accuracy_std", r.accuracy() == null ? null : r.accuracy().std());
            m.put("macro_f1", value(r.macroF1()));
            m.put("macro_f1_std", r.macroF1() == null ? null : r.macroF1().std());
            m.put("latency_p50_ms", value(r.latencyP50Ms()));
            m.put("latency_p95_ms", value(r.latencyP95Ms()));
            m.put("tokens_per_second", value(r.tokensPerSecond()));
            m.put("peak_memory_mib", r.peakMemoryBytes() == null ? null : r.peakMemoryBytes().value() / (1 << 20));
            m.put("truncated_rows", r.truncatedRows());
            m.put("resource", r.resource());
            out.add(m);
        }
        return out;
    }

    private static Double value(Measure m) {
        return m == null ? null : m.value();
    }

    private static String fmt(Measure m, int decimals) {
        return m == null ? "–" : m.format(decimals);
    }

    private static String mib(Measure bytes) {
        return bytes == null ? "–" : String.format(Locale.ROOT, "%.0f", bytes.value() / (1 << 20));
    }
}
