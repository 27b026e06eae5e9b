package dev.kubetune.api.plan;

import java.util.List;

/**
 * Splits rows into contiguous, order-keeping shards: shard j of s over n rows covers
 * [⌊j·n/s⌋, ⌊(j+1)·n/s⌋), so sizes differ by at most one and concatenating the shards' outputs
 * in index order gives the input order.
 */
public final class ShardPlanner {

    private ShardPlanner() {
    }

    /** The half-open row range [start, end) of shard {@code index}. */
    public static Range range(int rows, int shards, int index) {
        if (shards < 1) {
            throw new PlanningException("shards must be ≥ 1, not " + shards);
        }
        if (index < 0 || index >= shards) {
            throw new PlanningException("shard " + index + " is outside 0.." + (shards - 1));
        }
        int start = (int) ((long) index * rows / shards);
        int end = (int) ((long) (index + 1) * rows / shards);
        return new Range(start, end);
    }

    /** The rows of shard {@code index}. */
    public static <T> List<T> slice(List<T> rows, int shards, int index) {
        Range r = range(rows.size(), shards, index);
        return rows.subList(r.start(), r.end());
    }

    /** A half-open range of row positions. */
    public record Range(int start, int end) {

        public int size() {
            return end - start;
        }
    }
}
