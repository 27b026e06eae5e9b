package dev.kubetune.api.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seeded, optionally stratified k-fold assignment, the same on every JVM and platform, and the
 * seeded validation hold-out inside a fold's training rows. The algorithm is specified in
 * docs/planner.md so that other runner images can reproduce it.
 */
public final class FoldPlanner {

    private FoldPlanner() {
    }

    /**
     * Assigns each row a test fold. Rows are grouped by label (one group when not stratified), the
     * groups taken in label order (String.compareTo), each group shuffled by one SplitMix64 stream
     * seeded with {@code seed}, then dealt round-robin to folds with one counter running across groups.
     * Each fold then holds ⌊n/k⌋ or ⌈n/k⌉ rows, and ⌊n_c/k⌋ or ⌈n_c/k⌉ of each label c.
     */
    public static FoldSplit assign(List<DataRow> rows, int k, long seed, boolean stratify) {
        if (k < 2) {
            throw new PlanningException("k must be ≥ 2, not " + k);
        }
        if (rows.size() < k) {
            throw new PlanningException(rows.size() + " rows cannot make " + k + " folds");
        }
        Map<String, List<Integer>> groups = group(rows, stratify);
        if (stratify) {
            for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
                if (group.getValue().size() < k) {
                    throw new PlanningException("label '" + group.getKey() + "' has " + group.getValue().size()
                            + " rows, fewer than k = " + k + ": it cannot be stratified (set folds.stratify: false)");
                }
            }
        }
        SplitMix64 rng = new SplitMix64(seed);
        int[] foldOfRow = new int[rows.size()];
        int counter = 0;
        for (List<Integer> members : groups.values()) {
            rng.shuffle(members);
            for (int rowIndex : members) {
                foldOfRow[rowIndex] = counter % k;
                counter++;
            }
        }
        return new FoldSplit(k, rows, foldOfRow);
    }

    /**
     * Holds out {@code round(share × n)} of a fold's training rows (at least one, and at least one
     * row left to train on) for validation loss: the row indices are shuffled by SplitMix64 seeded with
     * {@code seed}, the first ones are held out; both lists keep data-set order.
     */
    public static ValidationSplit validationSplit(List<DataRow> trainRows, double share, long seed) {
        if (!(share > 0 && share < 1)) {
            throw new PlanningException("validation share must be > 0 and < 1, not " + share);
        }
        int n = trainRows.size();
        int held = (int) Math.round(share * n);
        held = Math.max(1, Math.min(n - 1, held));
        if (n < 2) {
            throw new PlanningException(n + " training rows cannot spare one for validation");
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        new SplitMix64(seed).shuffle(order);
        boolean[] isValidation = new boolean[n];
        for (int i = 0; i < held; i++) {
            isValidation[order.get(i)] = true;
        }
        List<DataRow> train = new ArrayList<>(n - held);
        List<DataRow> validation = new ArrayList<>(held);
        for (int i = 0; i < n; i++) {
            (isValidation[i] ? validation : train).add(trainRows.get(i));
        }
        return new ValidationSplit(List.copyOf(train), List.copyOf(validation));
    }

    private static Map<String, List<Integer>> group(List<DataRow> rows, boolean stratify) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            DataRow row = rows.get(i);
            String key = "";
            if (stratify) {
                if (row.label() == null) {
                    throw new PlanningException("row '" + row.id() + "' has no label: it cannot be stratified");
                }
                key = row.label();
            }
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    /** A fold's training rows split into the rows trained on and the rows held out for validation. */
    public record ValidationSplit(List<DataRow> train, List<DataRow> validation) {
    }
}
