package dev.kubetune.runner.kfold;

import dev.kubetune.api.foldtraining.FoldStatus;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.output.Prediction;
import dev.kubetune.runner.output.PredictionReader;
import dev.kubetune.runner.output.PredictionWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A FoldTraining's out-of-fold predictions: the succeeded folds' held-out predictions (read from the
 * paths in their status, inside the output volume), each row tagged with its fold, in fold order. Folds
 * run as separate pods, so no fold can write this file; whoever reads the folds' files assembles it —
 * {@code kubetune run} when its FoldTrainings finish and {@code kubetune report} (which also writes it,
 * when the artifacts folder is writable and every fold succeeded) — at the path status.outOfFold names.
 */
public final class OutOfFoldFile {

    /** The assembled rows and whether every fold contributed. */
    public record Assembled(List<Prediction> predictions, boolean complete) {}

    private OutOfFoldFile() {
    }

    public static Assembled assemble(FoldTraining training, Path outputRoot) {
        List<Prediction> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int succeeded = 0;
        for (FoldStatus fold : training.getStatus().getFolds()) {
            if (fold.getPhase() != UnitPhase.Succeeded || fold.getPredictions() == null) {
                continue;
            }
            Path file = outputRoot.resolve(fold.getPredictions());
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": the predictions of " + training.getKind() + "/"
                        + training.getMetadata().getName() + " fold " + fold.getIndex() + " are missing");
            }
            for (Prediction p : PredictionReader.read(file)) {
                if (!seen.add(p.id())) {
                    throw new BadInputException(file + ": row '" + p.id() + "' was already predicted by another fold");
                }
                all.add(p.withFold(fold.getIndex()));
            }
            succeeded++;
        }
        return new Assembled(List.copyOf(all), succeeded == training.getSpec().getFolds().getK());
    }

    /** Assembles and, when every fold succeeded, writes the file status.outOfFold.predictions names; returns the rows. */
    public static Assembled write(FoldTraining training, Path outputRoot) throws IOException {
        Assembled assembled = assemble(training, outputRoot);
        var oof = training.getStatus().getOutOfFold();
        if (assembled.complete() && oof != null && oof.getPredictions() != null) {
            Path target = outputRoot.resolve(oof.getPredictions());
            Files.createDirectories(target.getParent());
            new PredictionWriter().write(target, training.getSpec().getOutput().getFormat(), assembled.predictions());
        }
        return assembled;
    }
}
