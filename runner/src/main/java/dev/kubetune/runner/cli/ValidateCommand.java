package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.validation.ValidationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubetune validate -f FILE|DIR}: the operator's own checks, before anything is applied or run. */
@Command(name = "validate",
        description = "Check FoldTraining and InferenceRun manifests against the CRD schema, its CEL rules and "
                + "cross-resource references; print every problem with its field path.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestOptions manifests;

    @Override
    public Integer call() {
        ValidationReport report = manifests.validate(System.in, spec.commandLine().getErr());
        if (!report.isValid()) {
            return ExitCodes.BAD_INPUT;
        }
        report.resources().forEach(r -> spec.commandLine().getOut().printf("%s/%s valid%n",
                r.getKind(), r.getMetadata().getName()));
        return ExitCodes.DONE;
    }
}
