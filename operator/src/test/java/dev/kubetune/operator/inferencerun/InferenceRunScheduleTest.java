package dev.kubetune.operator.inferencerun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.inferencerun.InferenceRun;
import dev.kubetune.api.job.ChildMetadata;
import dev.kubetune.api.job.InputsHash;
import dev.kubetune.api.job.JobFactory;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InferenceRunScheduleTest {

    static final AdapterResolution NONE = new AdapterResolution(null, null);
    static final AdapterResolution WAITING = new AdapterResolution(null, "FoldTraining/notes (best fold not known yet)");

    @Test
    void aJobOfTheCurrentInputsIsKeptWithTheAdapterItWasMadeWith() {
        InferenceRun run = run(8);
        Job made = hashed(InputsHash.of(run.getSpec(), JobFactory.SHARDS_UNIT, "ns/notes/fold-1/adapter"));
        AdapterResolution now = new AdapterResolution("ns/notes/fold-2/adapter", null);
        assertThat(InferenceRunSchedule.stale(run.getSpec(), JobFactory.SHARDS_UNIT, made, "ns/notes/fold-1/adapter", now))
                .as("the best fold changed after the Job was made: the Job stays").isFalse();
        assertThat(InferenceRunSchedule.adapter(true, "ns/notes/fold-1/adapter", now).adapterPath())
                .isEqualTo("ns/notes/fold-1/adapter");
        assertThat(InferenceRunSchedule.adapter(false, "ns/notes/fold-1/adapter", now).adapterPath())
                .as("a new Job takes what resolves now").isEqualTo("ns/notes/fold-2/adapter");
    }

    @Test
    void aJobOfOtherInputsIsStale() {
        Job made = hashed(InputsHash.of(run(8).getSpec(), JobFactory.SHARDS_UNIT, null));
        assertThat(InferenceRunSchedule.stale(run(16).getSpec(), JobFactory.SHARDS_UNIT, made, null, NONE)).isTrue();
        assertThat(InferenceRunSchedule.stale(run(8).getSpec(), JobFactory.SHARDS_UNIT, made, null, NONE)).isFalse();
        assertThat(InferenceRunSchedule.stale(run(8).getSpec(), JobFactory.SHARDS_UNIT, hashed(null), null, NONE))
                .as("no inputs hash: made by hand or an older operator").isTrue();
        assertThat(InferenceRunSchedule.stale(run(16).getSpec(), JobFactory.SHARDS_UNIT, made, null, WAITING))
                .as("other inputs and the adapter not known: stale").isTrue();
    }

    @Test
    void shardsWhoseJobIsGoneKeepTheirHarvestOnlyWhenAllSucceeded() {
        assertThat(InferenceRunSchedule.harvested(List.of(0, 1), Set.of(0, 1, 2))).isTrue();
        assertThat(InferenceRunSchedule.harvested(List.of(0, 1), Set.of(0))).as("shard 1 not harvested: run again").isFalse();
        assertThat(InferenceRunSchedule.harvested(List.of(3), Set.of())).isFalse();
    }

    @Test
    void createsOnlyWhenTheAdapterIsKnownNotSuspendedAndNothingFailed() {
        assertThat(InferenceRunSchedule.mayCreate(NONE, false, false)).isTrue();
        assertThat(InferenceRunSchedule.mayCreate(WAITING, false, false)).as("adapter not known").isFalse();
        assertThat(InferenceRunSchedule.mayCreate(NONE, true, false)).as("suspended").isFalse();
        assertThat(InferenceRunSchedule.mayCreate(NONE, false, true)).as("a shard failed").isFalse();
    }

    static InferenceRun run(int batchSize) {
        return Serialization.unmarshal("""
                apiVersion: kubetune.dev/v1alpha1
                kind: InferenceRun
                metadata: {name: r, namespace: ns}
                spec:
                  model: {volume: models, path: tiny-llama}
                  dataset: {volume: data, path: notes.jsonl}
                  prompt: {template: "{{ text }}"}
                  generation: {batchSize: %d}
                """.formatted(batchSize), InferenceRun.class);
    }

    static Job hashed(String hash) {
        return new JobBuilder().withNewMetadata().withName("r-shards")
                .withAnnotations(hash == null ? Map.of() : Map.of(ChildMetadata.ANNOTATION_INPUTS_HASH, hash))
                .endMetadata().build();
    }
}
