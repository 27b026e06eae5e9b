package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * An adapter trained by a FoldTraining in the same namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FoldTrainingRef {

    @JsonPropertyDescription("Name of the FoldTraining.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String name;

    @JsonPropertyDescription("A fold index, or best for the fold with the best main metric.")
    @ValidationRule(value = "type(self) == string ? self == 'best' : self >= 0", message = "must be a fold index ≥ 0 or best")
    @Default("best")
    private IntOrString fold = new IntOrString("best");

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public IntOrString getFold() {
        return fold;
    }

    public void setFold(IntOrString fold) {
        this.fold = fold;
    }
}
