package dev.kubetune.api.job;

import dev.kubetune.api.spec.ExperimentSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The volumes of a runner pod and where they are mounted: the task ConfigMap read-only at
 * {@code /etc/kubetune}, a writable emptyDir at {@code /tmp}, and each of spec.volumes (whatever its
 * source) at {@code /mnt/kubetune/<volume>}, read-only except the output volume.
 */
public final class RunnerVolumes {

    /** Where spec.volumes are mounted, one folder per volume name. */
    public static final String VOLUME_ROOT = "/mnt/kubetune";
    public static final String TMP_PATH = "/tmp";
    static final String TASK_VOLUME = "kubetune-task";
    static final String TMP_VOLUME = "kubetune-tmp";

    private RunnerVolumes() {
    }

    /** Volume name → mount folder, as written into the RunnerTask. */
    public static Map<String, String> mountPaths(ExperimentSpec spec) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (Volume volume : specVolumes(spec)) {
            paths.put(volume.getName(), mountPath(volume.getName()));
        }
        return paths;
    }

    public static String mountPath(String volume) {
        return VOLUME_ROOT + "/" + volume;
    }

    /** The pod's volumes: the task ConfigMap, /tmp, then spec.volumes as given. */
    static List<Volume> podVolumes(ExperimentSpec spec, String configMapName) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName(TASK_VOLUME)
                .withNewConfigMap().withName(configMapName).endConfigMap().build());
        volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
        for (Volume volume : specVolumes(spec)) {
            volumes.add(new VolumeBuilder(volume).build());
        }
        return volumes;
    }

    /** The runner container's mounts, matching {@link #podVolumes}. */
    static List<VolumeMount> containerMounts(ExperimentSpec spec) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount(TASK_VOLUME, RunnerTask.MOUNT_PATH, true));
        mounts.add(mount(TMP_VOLUME, TMP_PATH, false));
        String output = spec.getOutput().getVolume();
        for (Volume volume : specVolumes(spec)) {
            mounts.add(mount(volume.getName(), mountPath(volume.getName()), !volume.getName().equals(output)));
        }
        return mounts;
    }

    private static VolumeMount mount(String name, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly).build();
    }

    private static List<Volume> specVolumes(ExperimentSpec spec) {
        return spec.getVolumes() == null ? List.of() : spec.getVolumes();
    }
}
