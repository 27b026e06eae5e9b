package dev.kubetune.api.plan;

import java.util.Objects;

/** What the planner needs of a data set row: its id and, for stratification, its label. */
public record DataRow(String id, String label) {

    public DataRow {
        Objects.requireNonNull(id, "id");
    }
}
