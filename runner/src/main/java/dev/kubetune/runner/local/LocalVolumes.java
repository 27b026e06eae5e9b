package dev.kubetune.runner.local;

import dev.kubetune.api.spec.ExperimentSpec;
import dev.kubetune.runner.BadInputException;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a resource's volumes are on this machine: {@code --volume name=path} when given, else the
 * folder {@code volumes/<name>} beside the manifest. The output volume is created when missing; the
 * others must exist.
 */
public final class LocalVolumes {

    private final Map<String, Path> overrides;

    public LocalVolumes(Map<String, Path> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** Parses {@code name=path} flags. */
    public static Map<String, Path> parse(List<String> flags) {
        Map<String, Path> out = new HashMap<>();
        for (String flag : flags == null ? List.<String>of() : flags) {
            int eq = flag.indexOf('=');
            if (eq <= 0 || eq == flag.length() - 1) {
                throw new BadInputException("--volume: '" + flag + "' is not name=path");
            }
            out.put(flag.substring(0, eq), Path.of(flag.substring(eq + 1)));
        }
        return out;
    }

    /** Volume name → absolute folder, for every volume of the spec. */
    public Map<String, String> mounts(ExperimentSpec spec, Path manifestDir, String resource) {
        Map<String, String> mounts = new HashMap<>();
        for (Volume volume : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            Path folder = overrides.getOrDefault(volume.getName(), manifestDir.resolve("volumes").resolve(volume.getName()))
                    .toAbsolutePath().normalize();
            if (volume.getName().equals(spec.getOutput().getVolume())) {
                create(folder);
            } else if (!Files.isDirectory(folder)) {
                throw new BadInputException(resource + ": volume '" + volume.getName() + "' is the folder " + folder
                        + ", which does not exist (map it with --volume " + volume.getName() + "=PATH)");
            }
            mounts.put(volume.getName(), folder.toString());
        }
        return mounts;
    }

    private static void create(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw dev.kubetune.runner.EnvironmentFault.writing(folder, e);
        }
    }
}
