package dev.kubetune.api.contract;

/**
 * Names of the scalar metrics in RunnerResult, status and metrics.json. Per-class counts let the
 * operator combine shards exactly: {@code count.tp.<label>} (correct predictions of the label),
 * {@code count.pred.<label>} (predictions of the label), {@code count.support.<label>} (rows with
 * the label).
 */
public final class MetricNames {

    public static final String ACCURACY = "accuracy";
    public static final String MACRO_F1 = "macro_f1";
    public static final String WEIGHTED_F1 = "weighted_f1";
    /** Mean −ln p(gold label) (likelihood scoring). */
    public static final String LOG_LOSS = "log_loss";
    /** Mean Σ over labels (p − 1[gold])² (likelihood scoring). */
    public static final String BRIER = "brier";
    /** Expected calibration error, 10 equal-width confidence bins (likelihood scoring). */
    public static final String ECE = "ece";
    /** ROC-AUC, macro-averaged one-vs-rest (likelihood scoring). */
    public static final String ROC_AUC = "roc_auc";
    /** Rows of an InferenceRun that the fold whose adapter it uses trained on (the leakage guard). */
    public static final String TRAINED_ROWS = "trained_rows";
    public static final String ROWS = "rows";
    public static final String PROMPT_TOKENS = "prompt_tokens";
    public static final String GENERATED_TOKENS = "generated_tokens";
    public static final String TOKENS_PER_SECOND = "tokens_per_second";
    public static final String LATENCY_P50_MS = "latency_p50_ms";
    public static final String LATENCY_P95_MS = "latency_p95_ms";
    public static final String PEAK_MEMORY_BYTES = "peak_memory_bytes";
    public static final String DURATION_SECONDS = "duration_seconds";
    public static final String TRAIN_TOKENS = "train_tokens";
    public static final String TRAIN_SECONDS = "train_seconds";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String VALIDATION_LOSS = "validation_loss";
    /** Parameters of the base model, counted from its weights. */
    public static final String MODEL_PARAMETERS = "model_parameters";
    /** Rows whose text was cut to fit prompt.maxInputTokens. */
    public static final String TRUNCATED_ROWS = "truncated_rows";

    public static final String COUNT_TRUE_POSITIVES = "count.tp.";
    public static final String COUNT_PREDICTED = "count.pred.";
    public static final String COUNT_SUPPORT = "count.support.";

    private MetricNames() {
    }
}
