package dev.kubetune.operator.scenarios;

import dev.kubetune.api.contract.RunnerResult;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/** Small resources for the scenarios, written as a user would. */
public final class Manifests {

    private Manifests() {
    }

    public static FoldTraining foldTraining(String namespace, String name, int k, Integer maxParallelFolds,
                                            int backoffLimit) {
        return Serialization.unmarshal("""
                apiVersion: kubetune.dev/v1alpha1
                kind: FoldTraining
                metadata: {name: %s, namespace: %s}
                spec:
                  model: {volume: models, path: tiny-llama}
                  dataset: {volume: data, path: notes.jsonl, textField: text, labelField: label, idField: id}
                  prompt: {template: "Classify.\\n{{ text }}", labels: [a, b]}
                  folds: {k: %d, seed: 7}
                  evaluation: {metrics: [accuracy, macro_f1]}
                  resources: {gpus: 1}
                  scheduling: {%s}
                  volumes:
                    - {name: models, persistentVolumeClaim: {claimName: models}}
                    - {name: data, persistentVolumeClaim: {claimName: data}}
                    - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
                  backoffLimit: %d
                """.formatted(name, namespace, k,
                maxParallelFolds == null ? "" : "maxParallelFolds: " + maxParallelFolds, backoffLimit),
                FoldTraining.class);
    }

    public static InferenceRun inferenceRunFrom(String namespace, String name, String training, int shards) {
        return Serialization.unmarshal("""
                apiVersion: kubetune.dev/v1alpha1
                kind: InferenceRun
                metadata: {name: %s, namespace: %s}
                spec:
                  model: {volume: models, path: tiny-llama}
                  adapter: {fromFoldTraining: {name: %s, fold: best}}
                  dataset: {volume: data, path: test.jsonl, labelField: label}
                  prompt: {template: "Classify.\\n{{ text }}", labels: [a, b]}
                  shards: %d
                  evaluation: {metrics: [accuracy]}
                  volumes:
                    - {name: models, persistentVolumeClaim: {claimName: models}}
                    - {name: data, persistentVolumeClaim: {claimName: data}}
                    - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
                """.formatted(name, namespace, training, shards), InferenceRun.class);
    }

    /** What a fold's runner reports on success: fold + 2 rows had their text cut. */
    public static RunnerResult foldResult(String namespace, String name, int fold, double accuracy, double macroF1) {
        String dir = namespace + "/" + name + "/fold-" + fold;
        return new RunnerResult("fold-" + fold, true, null, null, Map.of("accuracy", accuracy, "macro_f1", macroF1),
                dir + "/adapter", 16368L + fold, dir + "/predictions.jsonl", dir + "/metrics.json", 48, 173, 19, 3.5, fold + 2);
    }

    /** What a shard's runner reports on success: a tenth of its rows had their text cut. */
    public static RunnerResult shardResult(String namespace, String name, int shard, int rows, double accuracy) {
        String dir = namespace + "/" + name + "/shard-" + shard;
        return new RunnerResult("shard-" + shard, true, null, null, Map.of("accuracy", accuracy, "rows", (double) rows),
                null, null, dir + "/predictions.jsonl", dir + "/metrics.json", rows, null, null, 1.5, rows / 10);
    }
}
