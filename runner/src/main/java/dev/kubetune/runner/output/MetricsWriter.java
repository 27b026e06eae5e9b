package dev.kubetune.runner.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a metrics object ({@code ClassificationMetrics}, a map of figures, a fold summary…) as
 * pretty-printed JSON with snake_case names ({@code macro_f1}, {@code p95_ms}), atomically.
 */
public final class MetricsWriter {

    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.CLOSE_CLOSEABLE);

    public void write(Path target, Object metrics) throws IOException {
        AtomicFileWriter.write(target, content(metrics));
    }

    /** The file's content, for writing it together with others ({@link AtomicFiles}). */
    public AtomicFileWriter.Content content(Object metrics) throws IOException {
        byte[] bytes = json.writeValueAsBytes(metrics);
        return out -> {
            out.write(bytes);
            out.write('\n');
        };
    }
}
