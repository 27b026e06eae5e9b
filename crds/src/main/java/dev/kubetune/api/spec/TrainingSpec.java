package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Supervised fine-tuning settings for each fold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingSpec {

    @JsonPropertyDescription("Passes over the training rows.")
    @Min(1)
    @Default("1")
    private int epochs = 1;

    @JsonPropertyDescription("Peak learning rate of AdamW.")
    @ValidationRule(value = "self > 0.0", message = "must be > 0")
    @Default("2.0E-4")
    private double learningRate = 2.0E-4;

    @JsonPropertyDescription("Rows per micro-batch.")
    @Min(1)
    @Default("4")
    private int batchSize = 4;

    @JsonPropertyDescription("Micro-batches per optimizer step.")
    @Min(1)
    @Default("1")
    private int gradientAccumulation = 1;

    @JsonPropertyDescription("Longest prompt + response in tokens (at most the model's context); a longer row's text is cut as prompt.truncation says (and counted in truncatedRows).")
    @Min(8)
    @Default("512")
    private int maxSeqLength = 512;

    @JsonPropertyDescription("Share of the steps with linear learning-rate warm-up.")
    @Min(0)
    @Max(1)
    @Default("0.0")
    private double warmupRatio = 0.0;

    @JsonPropertyDescription("Learning-rate decay after warm-up.")
    @Default("cosine")
    private LrScheduler scheduler = LrScheduler.COSINE;

    @JsonPropertyDescription("AdamW weight decay.")
    @Min(0)
    @Default("0.0")
    private double weightDecay = 0.0;

    @JsonPropertyDescription("Clip the gradients' global norm to this value; 0 turns clipping off.")
    @Min(0)
    @Default("1.0")
    private double maxGradNorm = 1.0;

    @JsonPropertyDescription("Share of the training folds held out for validation loss per epoch.")
    @ValidationRule(value = "self > 0.0 && self < 1.0", message = "must be > 0 and < 1")
    private Double valShare;

    @JsonPropertyDescription("Train on this share of each fold's training rows (after the validation hold-out): a seeded "
            + "(training.seed), stratified-by-label sample, at least one row per label; absent: all of them. FoldTrainings "
            + "that differ only in it make the report's learning curve.")
    @ValidationRule(value = "self > 0.0 && self <= 1.0", message = "must be > 0 and ≤ 1")
    private Double trainFraction;

    @JsonPropertyDescription("Stop when the validation loss has not improved for this many epochs (needs valShare).")
    @Min(1)
    private Integer earlyStoppingPatience;

    @JsonPropertyDescription("Batch rows of similar token length together (shuffled by the seed within windows of 64 batches, batches in seeded order), which saves padding.")
    @Default("true")
    private boolean groupByLength = true;

    @JsonPropertyDescription("Seed of LoRA initialisation, dropout and batch order.")
    @Default("0")
    private long seed = 0;

    @JsonPropertyDescription("Write a train_log.jsonl line every this many optimizer steps.")
    @Min(1)
    @Default("10")
    private int loggingSteps = 10;

    public int getEpochs() {
        return epochs;
    }

    public void setEpochs(int epochs) {
        this.epochs = epochs;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getGradientAccumulation() {
        return gradientAccumulation;
    }

    public void setGradientAccumulation(int gradientAccumulation) {
        this.gradientAccumulation = gradientAccumulation;
    }

    public int getMaxSeqLength() {
        return maxSeqLength;
    }

    public void setMaxSeqLength(int maxSeqLength) {
        this.maxSeqLength = maxSeqLength;
    }

    public double getWarmupRatio() {
        return warmupRatio;
    }

    public void setWarmupRatio(double warmupRatio) {
        this.warmupRatio = warmupRatio;
    }

    public LrScheduler getScheduler() {
        return scheduler;
    }

    public void setScheduler(LrScheduler scheduler) {
        this.scheduler = scheduler;
    }

    public double getWeightDecay() {
        return weightDecay;
    }

    public void setWeightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    public double getMaxGradNorm() {
        return maxGradNorm;
    }

    public void setMaxGradNorm(double maxGradNorm) {
        this.maxGradNorm = maxGradNorm;
    }

    public Double getValShare() {
        return valShare;
    }

    public void setValShare(Double valShare) {
        this.valShare = valShare;
    }

    public Double getTrainFraction() {
        return trainFraction;
    }

    public void setTrainFraction(Double trainFraction) {
        this.trainFraction = trainFraction;
    }

    public Integer getEarlyStoppingPatience() {
        return earlyStoppingPatience;
    }

    public void setEarlyStoppingPatience(Integer earlyStoppingPatience) {
        this.earlyStoppingPatience = earlyStoppingPatience;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    public int getLoggingSteps() {
        return loggingSteps;
    }

    public void setLoggingSteps(int loggingSteps) {
        this.loggingSteps = loggingSteps;
    }

    public boolean isGroupByLength() {
        return groupByLength;
    }

    public void setGroupByLength(boolean groupByLength) {
        this.groupByLength = groupByLength;
    }
}
