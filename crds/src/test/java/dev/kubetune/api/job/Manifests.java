package dev.kubetune.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.validation.ManifestValidator;
import dev.kubetune.api.validation.ValidationReport;

/** Resources as the validator returns them (defaults applied), for the Job builder's tests. */
final class Manifests {

    static final String FOLD_TRAINING = """
            apiVersion: kubetune.dev/v1alpha1
            kind: FoldTraining
            metadata: {name: notes, namespace: research, uid: 1111-2222, generation: 3}
            spec:
              model: {volume: models, path: llama}
              dataset: {volume: data, path: notes.csv, labelField: label}
              folds: {k: 4, seed: 7}
              resources: {gpus: 2, cpu: "4", memory: 32Gi}
              scheduling:
                queueName: gpu-queue
                priorityClassName: research
                nodeSelector: {nvidia.com/gpu.product: H100}
                tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
              volumes:
                - {name: models, persistentVolumeClaim: {claimName: models}}
                - {name: data, nfs: {server: nfs.example, path: /data}}
                - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
              runner: {env: [{name: LOG_LEVEL, value: debug}, {name: HOME, value: /tmp/home}]}
              backoffLimit: 5
            """;

    static final String INFERENCE_RUN = """
            apiVersion: kubetune.dev/v1alpha1
            kind: InferenceRun
            metadata: {name: notes-best, namespace: research, uid: 3333-4444}
            spec:
              model: {volume: models, path: llama}
              adapter: {fromFoldTraining: {name: notes, fold: best}}
              dataset: {volume: data, path: notes.csv}
              shards: 4
              output: {volume: out}
              resources: {gpus: 1, gpuResourceName: amd.com/gpu}
              volumes:
                - {name: models, csi: {driver: models.csi.example, readOnly: true}}
                - {name: data, image: {reference: "registry.example/notes:1", pullPolicy: IfNotPresent}}
                - {name: out, persistentVolumeClaim: {claimName: outputs}}
              runner: {image: registry.example/vllm-runner:2, imagePullPolicy: Always}
            """;

    private Manifests() {
    }

    static FoldTraining foldTraining() {
        return (FoldTraining) one(FOLD_TRAINING);
    }

    static InferenceRun inferenceRun() {
        return (InferenceRun) one(INFERENCE_RUN);
    }

    static Object one(String yaml) {
        ValidationReport report = ManifestValidator.validate("test.yaml", yaml);
        assertThat(report.problems()).isEmpty();
        return report.resources().get(0);
    }
}
