package dev.kubetune.runner.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.runner.BadInputException;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads FoldTrainings and InferenceRuns with their status from a folder: a local state dir
 * ({@code <kind>/<name>.status.yaml}) or the output of {@code kubectl get ft,ir -o yaml}
 * (a {@code List} of items). Other kinds are skipped.
 */
public final class StatusFiles {

    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StatusFiles() {
    }

    public static List<CustomResource<?, ?>> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": not a folder");
        }
        List<CustomResource<?, ?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
                    .sorted().toList()) {
                readFile(file, out);
            }
        } catch (IOException e) {
            throw new BadInputException(folder + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    private static void readFile(Path file, List<CustomResource<?, ?>> out) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNextValue()) {
                add(docs.nextValue(), file, out);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static void add(JsonNode doc, Path file, List<CustomResource<?, ?>> out) throws IOException {
        if (doc == null || !doc.isObject()) {
            return;
        }
        String kind = doc.path("kind").asText();
        if (kind.equals("List") || kind.endsWith("List")) {
            for (JsonNode item : doc.path("items")) {
                add(item, file, out);
            }
        } else if (kind.equals(FoldTraining.KIND)) {
            out.add(YAML.treeToValue(doc, FoldTraining.class));
        } else if (kind.equals(InferenceRun.KIND)) {
            out.add(YAML.treeToValue(doc, InferenceRun.class));
        }
    }
}
