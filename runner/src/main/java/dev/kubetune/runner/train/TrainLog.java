package dev.kubetune.runner.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.output.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of {@code train_log.jsonl}: one per logging step (step, epoch, loss, learning rate, gradient
 * norm, tokens/s) and one per validation (epoch, validation loss). Kept in memory, written whole.
 */
public final class TrainLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Map<String, Object>> lines = new ArrayList<>();

    public void step(int step, double epoch, double loss, double learningRate, double gradNorm, double tokensPerSecond,
                     double elapsedSeconds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("epoch", epoch);
        line.put("loss", loss);
        line.put("learning_rate", learningRate);
        line.put("grad_norm", gradNorm);
        line.put("tokens_per_second", tokensPerSecond);
        line.put("elapsed_seconds", elapsedSeconds);
        lines.add(line);
    }

    public void validation(int step, int epoch, double validationLoss) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("epoch", epoch);
        line.put("validation_loss", validationLoss);
        lines.add(line);
    }

    public List<Map<String, Object>> lines() {
        return List.copyOf(lines);
    }

    public void write(Path file) throws IOException {
        AtomicFileWriter.write(file, out -> {
            for (Map<String, Object> line : lines) {
                out.write(JSON.writeValueAsBytes(line));
                out.write('\n');
            }
        });
    }
}
