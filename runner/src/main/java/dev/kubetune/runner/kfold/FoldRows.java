package dev.kubetune.runner.kfold;

import dev.kubetune.api.foldtraining.FoldTrainingSpec;
import dev.kubetune.api.plan.DataRow;
import dev.kubetune.api.plan.FoldPlanner;
import dev.kubetune.api.plan.FoldSplit;
import dev.kubetune.api.plan.PlanningException;
import dev.kubetune.api.plan.TrainingSample;
import dev.kubetune.runner.BadInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the selected rows (positions in the data-set selection) a fold tests on, trains on and holds
 * out for validation, as the planner decides. A split the planner refuses is bad input.
 */
public record FoldRows(List<Integer> test, List<Integer> train, List<Integer> validation) {

    public static FoldRows of(List<dev.kubetune.runner.data.DataRow> selected, FoldTrainingSpec spec, int fold) {
        int k = spec.getFolds().getK();
        if (fold < 0 || fold >= k) {
            throw new BadInputException("--fold: " + fold + " is outside 0.." + (k - 1) + " (folds.k = " + k + ")");
        }
        List<DataRow> rows = selected.stream().map(r -> new DataRow(r.id(), r.label())).toList();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            position.put(rows.get(i).id(), i);
        }
        try {
            FoldSplit split = FoldPlanner.assign(rows, k, spec.getFolds().getSeed(), spec.getFolds().isStratify());
            List<DataRow> train = split.trainRows(fold);
            List<DataRow> validation = List.of();
            Double share = spec.getTraining().getValShare();
            if (share != null) {
                FoldPlanner.ValidationSplit held = FoldPlanner.validationSplit(train, share, spec.getTraining().getSeed());
                train = held.train();
                validation = held.validation();
            }
            Double fraction = spec.getTraining().getTrainFraction();
            if (fraction != null) {
                train = TrainingSample.sample(train, fraction, spec.getTraining().getSeed());
            }
            return new FoldRows(positions(split.testRows(fold), position), positions(train, position),
                    positions(validation, position));
        } catch (PlanningException e) {
            throw new BadInputException("folds: " + e.getMessage(), e);
        }
    }

    private static List<Integer> positions(List<DataRow> rows, Map<String, Integer> position) {
        return rows.stream().map(r -> position.get(r.id())).toList();
    }
}
