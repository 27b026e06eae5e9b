package dev.kubetune.operator.inferencerun;

import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.job.JobDefaults;
import dev.kubetune.api.job.JobFactory;
import dev.kubetune.api.job.KubeNames;
import dev.kubetune.operator.harvest.JobHarvester;
import dev.kubetune.operator.harvest.UnitObservation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The Jobs an InferenceRun's shards run in, keyed by unit label in shard order: one Indexed Job
 * ({@code shards}) for all of them, or, on an API server without Indexed Jobs, one Job per shard
 * ({@code shard-0}, {@code shard-1}, ...). A value is null while that Job does not exist.
 */
final class ShardJobs {

    private final InferenceRun run;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    ShardJobs(InferenceRun run, JobDefaults defaults, Collection<Job> children) {
        this.run = run;
        for (String unit : JobFactory.shardJobUnits(run, defaults)) {
            String name = KubeNames.job(run.getMetadata().getName(), unit);
            jobs.put(unit, children.stream().filter(j -> j.getMetadata().getName().equals(name)).findFirst().orElse(null));
        }
    }

    /** Unit label → Job (null: not created), in shard order. */
    Map<String, Job> byUnit() {
        return jobs;
    }

    boolean noneExists() {
        return jobs.values().stream().allMatch(j -> j == null);
    }

    void forget(String unit) {
        jobs.put(unit, null);
    }

    /** The shards that the Job of {@code unit} runs. */
    List<Integer> shardsOf(String unit) {
        return unit.equals(JobFactory.SHARDS_UNIT)
                ? IntStream.range(0, run.getSpec().getShards()).boxed().toList()
                : List.of(Integer.parseInt(unit.substring(unit.lastIndexOf('-') + 1)));
    }

    /** The pods of the Job of {@code unit} among {@code pods}. */
    List<Pod> podsOf(String unit, Collection<Pod> pods) {
        Job job = jobs.get(unit);
        return job == null ? List.of() : pods.stream().filter(p -> JobHarvester.belongsTo(p, job)).toList();
    }

    /** Every shard as its Job and that Job's pods show it, in shard order. */
    List<UnitObservation> observe(Collection<Pod> pods, Instant now) {
        List<UnitObservation> observed = new ArrayList<>();
        for (Map.Entry<String, Job> e : jobs.entrySet()) {
            Job job = e.getValue();
            List<Pod> own = podsOf(e.getKey(), pods);
            if (e.getKey().equals(JobFactory.SHARDS_UNIT)) {
                observed.addAll(JobHarvester.shards(run.getSpec().getShards(), job, own));
            } else {
                observed.add(JobHarvester.unit(shardsOf(e.getKey()).get(0), job, own, now));
            }
        }
        return observed;
    }
}
