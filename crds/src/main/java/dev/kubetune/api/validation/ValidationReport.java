package dev.kubetune.api.validation;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/**
 * What validating a manifest found: every problem, and the resources (defaults applied, as the API
 * server would store them) when there were none.
 */
public record ValidationReport(List<Problem> problems, List<CustomResource<?, ?>> resources) {

    public ValidationReport {
        problems = List.copyOf(problems);
        resources = List.copyOf(resources);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }
}
