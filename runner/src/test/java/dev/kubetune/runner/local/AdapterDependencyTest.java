package dev.kubetune.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.foldtraining.FoldTrainingStatusLogic;
import dev.kubetune.api.spec.FoldTrainingRef;
import dev.kubetune.api.status.AdapterArtifact;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterDependencyTest {

    static FoldTraining training(UnitPhase... phases) {
        FoldTraining t = new FoldTraining();
        t.setMetadata(new ObjectMetaBuilder().withName("notes").build());
        t.setSpec(new FoldTrainingSpec());
        t.getSpec().getFolds().setK(phases.length);
        t.setStatus(new FoldTrainingStatus());
        for (int i = 0; i < phases.length; i++) {
            FoldStatus f = new FoldStatus();
            f.setIndex(i);
            f.setPhase(phases[i]);
            if (phases[i] == UnitPhase.Succeeded) {
                f.setMetrics(Map.of("accuracy", 0.5 + i / 10.0, "macro_f1", 0.4));
                AdapterArtifact a = new AdapterArtifact();
                a.setPath("ns/notes/fold-" + i + "/adapter");
                f.setAdapter(a);
            }
            t.getStatus().getFolds().add(f);
        }
        FoldTrainingStatusLogic.update(t, Instant.now());
        return t;
    }

    static FoldTrainingRef ref(IntOrString fold) {
        FoldTrainingRef r = new FoldTrainingRef();
        r.setName("notes");
        r.setFold(fold);
        return r;
    }

    @Test
    void bestFoldWaitsForEveryFoldThenTakesTheBest() {
        FoldTrainingRef best = ref(new IntOrString("best"));

        assertThat(AdapterDependency.check(best, training(UnitPhase.Succeeded, UnitPhase.Running)))
                .isEqualTo(new AdapterDependency.Waiting("FoldTraining/notes (best fold)"));
        assertThat(AdapterDependency.check(best, training(UnitPhase.Succeeded, UnitPhase.Succeeded, UnitPhase.Succeeded)))
                .isEqualTo(new AdapterDependency.Ready("ns/notes/fold-2/adapter"));
        assertThat(AdapterDependency.check(best, training(UnitPhase.Succeeded, UnitPhase.Failed)))
                .isInstanceOf(AdapterDependency.Broken.class);
    }

    @Test
    void aGivenFoldIsReadyAsSoonAsItSucceeded() {
        FoldTrainingRef first = ref(new IntOrString(0));

        assertThat(AdapterDependency.check(first, training(UnitPhase.Succeeded, UnitPhase.Running)))
                .isEqualTo(new AdapterDependency.Ready("ns/notes/fold-0/adapter"));
        assertThat(AdapterDependency.check(first, training(UnitPhase.Running, UnitPhase.Running)))
                .isEqualTo(new AdapterDependency.Waiting("FoldTraining/notes (fold 0)"));
        assertThat(AdapterDependency.check(ref(new IntOrString(1)), training(UnitPhase.Succeeded, UnitPhase.Failed)))
                .isEqualTo(new AdapterDependency.Broken("FoldTrainingFailed", "FoldTraining/notes fold 1 failed"));
    }
}
