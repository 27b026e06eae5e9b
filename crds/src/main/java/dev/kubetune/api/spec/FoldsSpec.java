package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * k-fold cross-validation: one adapter per fold, trained on the other k-1 folds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FoldsSpec {

    @JsonPropertyDescription("Number of folds.")
    @ValidationRule(value = "self >= 2", message = "must be ≥ 2")
    @Max(100)
    @Default("5")
    private int k = 5;

    @JsonPropertyDescription("Seed of the fold assignment: the same seed and rows give the same split everywhere.")
    @Default("0")
    private long seed = 0;

    @JsonPropertyDescription("Keep each label's share equal across folds (within one row).")
    @Default("true")
    private boolean stratify = true;

    public int getK() {
        return k;
    }

    public void setK(int k) {
        this.k = k;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    public boolean isStratify() {
        return stratify;
    }

    public void setStratify(boolean stratify) {
        this.stratify = stratify;
    }
}
