package dev.kubetune.api.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code training.trainFraction}: a seeded, stratified share of a fold's training rows. Per label (in
 * label order), the label's rows are shuffled by {@link SplitMix64} seeded with {@code seed} and the first
 * {@code max(1, round(fraction · rows of the label))} are kept; the kept rows keep their original order.
 * A smaller fraction with the same seed keeps a subset of a larger one's rows, so a learning curve adds
 * rows rather than redrawing them.
 */
public final class TrainingSample {

    private TrainingSample() {
    }

    public static List<DataRow> sample(List<DataRow> rows, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new PlanningException("trainFraction must be > 0 and ≤ 1, not " + fraction);
        }
        if (fraction == 1) {
            return List.copyOf(rows);
        }
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String label = rows.get(i).label() == null ? "" : rows.get(i).label();
            byLabel.computeIfAbsent(label, x -> new ArrayList<>()).add(i);
        }
        boolean[] kept = new boolean[rows.size()];
        for (List<Integer> group : byLabel.values()) {
            List<Integer> order = new ArrayList<>(group);
            new SplitMix64(seed).shuffle(order);
            int keep = Math.max(1, (int) Math.round(fraction * group.size()));
            order.subList(0, keep).forEach(i -> kept[i] = true);
        }
        List<DataRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (kept[i]) {
                out.add(rows.get(i));
            }
        }
        return List.copyOf(out);
    }
}
