package dev.kubetune.api.status;

/** Where one work unit (a fold or a shard) stands. */
public enum UnitPhase {
    Pending,
    Running,
    Succeeded,
    Failed;

    public boolean isFinished() {
        return this == Succeeded || this == Failed;
    }
}
