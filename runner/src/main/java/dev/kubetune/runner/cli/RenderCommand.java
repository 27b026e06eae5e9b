package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.api.job.ChildrenRenderer;
import dev.kubetune.api.job.ChildrenRenderer.Children;
import dev.kubetune.api.job.JobDefaults;
import dev.kubetune.api.validation.ValidationReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubetune render -f FILE|DIR}: the ConfigMaps and Jobs the operator would create for the
 * manifests, as YAML documents, without a cluster (owner references carry no uid).
 */
@Command(name = "render",
        description = "Validate FoldTraining and InferenceRun manifests, then print the ConfigMaps and Jobs the "
                + "operator would create for them as YAML documents. An adapter from a FoldTraining is left "
                + "unresolved (annotation kubetune.dev/waiting-for).")
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestOptions manifests;

    @Option(names = "--runner-image", paramLabel = "IMAGE", defaultValue = JobDefaults.RUNNER_IMAGE,
            description = "Runner image of resources that name none (default: ${DEFAULT-VALUE}).")
    String runnerImage;

    @Option(names = "--gpu-resource", paramLabel = "NAME", defaultValue = JobDefaults.GPU_RESOURCE,
            description = "Extended resource of GPUs for resources that name none (default: ${DEFAULT-VALUE}).")
    String gpuResource;

    @Option(names = "--no-kueue", description = "Render as for a cluster without Kueue: queues ignored, Jobs not suspended.")
    boolean noKueue;

    @Override
    public Integer call() {
        ValidationReport report = manifests.validate(System.in, spec.commandLine().getErr());
        if (!report.isValid()) {
            return ExitCodes.BAD_INPUT;
        }
        JobDefaults defaults = new JobDefaults(runnerImage, null, gpuResource, !noKueue);
        PrintWriter out = spec.commandLine().getOut();
        for (Children children : ChildrenRenderer.render(report.resources(), defaults)) {
            print(children.objects(), out);
        }
        out.flush();
        return ExitCodes.DONE;
    }

    private static void print(List<HasMetadata> objects, PrintWriter out) {
        for (HasMetadata object : objects) {
            String yaml = Serialization.asYaml(object);
            out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
            if (!yaml.endsWith("\n")) {
                out.println();
            }
        }
    }
}
