package dev.kubetune.operator.inferencerun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldSummary;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.foldtraining.FoldTrainingStatus;
import dev.kubetune.api.inferencerun.InferenceRunSpec;
import dev.kubetune.api.spec.AdapterSpec;
import dev.kubetune.api.spec.FoldTrainingRef;
import dev.kubetune.api.status.AdapterArtifact;
import dev.kubetune.api.status.Phase;
import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdapterResolutionTest {

    @Test
    void nothingToResolveWithoutFromFoldTraining() {
        InferenceRunSpec spec = new InferenceRunSpec();
        assertThat(AdapterResolution.resolve(spec, Optional.empty())).isEqualTo(new AdapterResolution(null, null));
        AdapterSpec path = new AdapterSpec();
        path.setVolume("artifacts");
        path.setPath("x/adapter");
        spec.setAdapter(path);
        assertThat(AdapterResolution.resolve(spec, Optional.empty()).waiting()).isFalse();
    }

    @Test
    void waitsForAMissingFoldTraining() {
        AdapterResolution r = AdapterResolution.resolve(spec("notes", "best"), Optional.empty());
        assertThat(r.waitingFor()).isEqualTo("FoldTraining/notes (not found)");
    }

    @Test
    void bestFoldOnlyOnceTheTrainingSucceeded() {
        FoldTraining running = training(Phase.Running, 1);
        assertThat(AdapterResolution.resolve(spec("notes", "best"), Optional.of(running)).waitingFor())
                .startsWith("FoldTraining/notes (best fold not known yet");
        FoldTraining done = training(Phase.Succeeded, 1);
        assertThat(AdapterResolution.resolve(spec("notes", "best"), Optional.of(done)).adapterPath())
                .isEqualTo("ns/notes/fold-1/adapter");
    }

    @Test
    void aNumberedFoldAsSoonAsItsAdapterExists() {
        FoldTraining running = training(Phase.Running, null);
        assertThat(AdapterResolution.resolve(spec("notes", 0), Optional.of(running)).adapterPath())
                .isEqualTo("ns/notes/fold-0/adapter");
        assertThat(AdapterResolution.resolve(spec("notes", 2), Optional.of(running)).waitingFor())
                .isEqualTo("FoldTraining/notes fold 2 (no adapter yet)");
    }

    static InferenceRunSpec spec(String name, Object fold) {
        FoldTrainingRef ref = new FoldTrainingRef();
        ref.setName(name);
        ref.setFold(fold instanceof Integer i ? new IntOrString(i) : new IntOrString((String) fold));
        AdapterSpec adapter = new AdapterSpec();
        adapter.setFromFoldTraining(ref);
        InferenceRunSpec spec = new InferenceRunSpec();
        spec.setAdapter(adapter);
        return spec;
    }

    static FoldTraining training(Phase phase, Integer best) {
        FoldTrainingStatus status = new FoldTrainingStatus();
        status.setPhase(phase);
        status.setFolds(List.of(fold(0, UnitPhase.Succeeded), fold(1, UnitPhase.Succeeded), fold(2, UnitPhase.Running)));
        FoldSummary summary = new FoldSummary();
        summary.setBestFold(best);
        status.setSummary(summary);
        FoldTraining training = new FoldTraining();
        training.setStatus(status);
        return training;
    }

    static FoldStatus fold(int index, UnitPhase phase) {
        FoldStatus fold = new FoldStatus();
        fold.setIndex(index);
        fold.setPhase(phase);
        if (phase == UnitPhase.Succeeded) {
            AdapterArtifact adapter = new AdapterArtifact();
            adapter.setPath("ns/notes/fold-" + index + "/adapter");
            fold.setAdapter(adapter);
        }
        return fold;
    }
}
