package dev.kubetune.api.contract;

import dev.kubetune.api.spec.OutputFormat;

/**
 * Where a unit's artifacts live inside the output volume: {@code <namespace>/<name>/<unit>/}, with
 * fixed file names inside. Paths here are relative to the volume's root (pure; no I/O).
 */
public final class ArtifactLayout {

    /** The PEFT adapter folder of a fold. */
    public static final String ADAPTER_DIR = "adapter";
    /** The unit's metrics (all of them, not only the compact ones of RunnerResult). */
    public static final String METRICS_FILE = "metrics.json";
    /** One JSON line per training logging step. */
    public static final String TRAIN_LOG_FILE = "train_log.jsonl";
    /** The full RunnerResult, also when it was shortened for the termination message. */
    public static final String RESULT_FILE = "result.json";
    /** Base name of the predictions file; the extension is the output format's. */
    public static final String PREDICTIONS_BASE = "predictions";

    /** A fold's training rows' ids (JSON array), so a run using its adapter can count the rows it trained on. */
    public static final String TRAIN_IDS_FILE = "train_ids.json";
    /** A FoldTraining's out-of-fold predictions: every row once, with the fold that predicted it. */
    public static final String OUT_OF_FOLD_BASE = "oof-predictions";

    private ArtifactLayout() {
    }

    /** {@code <namespace>/<name>/<unit>}. */
    public static String unitDir(String namespace, String name, WorkUnit unit) {
        return namespace + "/" + name + "/" + unit.name();
    }

    public static String adapterDir(String namespace, String name, WorkUnit unit) {
        return unitDir(namespace, name, unit) + "/" + ADAPTER_DIR;
    }

    public static String predictionsFile(String namespace, String name, WorkUnit unit, OutputFormat format) {
        return unitDir(namespace, name, unit) + "/" + PREDICTIONS_BASE + "." + format.value();
    }

    /** {@code <namespace>/<name>/oof-predictions.<format>}. */
    public static String outOfFoldFile(String namespace, String name, OutputFormat format) {
        return namespace + "/" + name + "/" + OUT_OF_FOLD_BASE + "." + format.value();
    }

    public static String metricsFile(String namespace, String name, WorkUnit unit) {
        return unitDir(namespace, name, unit) + "/" + METRICS_FILE;
    }
}
