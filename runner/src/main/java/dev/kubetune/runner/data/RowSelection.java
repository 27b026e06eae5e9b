package dev.kubetune.runner.data;

import dev.kubetune.runner.BadInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which rows of a data set to use: all, the ids listed, the ids in a file, and at most {@code limit}
 * of them. Selected rows keep the data set's order. An id that is not in the data set is an error.
 *
 * @param ids ids given directly, or {@code null}
 * @param idFile a file of ids, one a line (blank lines and lines starting with {@code #} ignored), or {@code null}
 * @param limit the most rows to keep (the first ones), or {@code null} for all
 */
public record RowSelection(List<String> ids, Path idFile, Integer limit) {

    public static final RowSelection ALL = new RowSelection(null, null, null);

    public RowSelection {
        ids = ids == null ? null : List.copyOf(ids);
        if (limit != null && limit < 1) {
            throw new BadInputException("limit: must be at least 1, was " + limit);
        }
    }

    public static RowSelection ofIds(List<String> ids) {
        return new RowSelection(ids, null, null);
    }

    public static RowSelection ofIdFile(Path idFile) {
        return new RowSelection(null, idFile, null);
    }

    public RowSelection withLimit(Integer limit) {
        return new RowSelection(ids, idFile, limit);
    }

    /** The selected rows of {@code dataset}, in its order. */
    public List<DataRow> apply(Dataset dataset) {
        Set<String> known = dataset.rows().stream().map(DataRow::id).collect(Collectors.toSet());
        Map<String, String> wanted = new LinkedHashMap<>(); // id -> where it was asked for
        if (ids != null) {
            ids.forEach(id -> wanted.putIfAbsent(id, "--ids"));
        }
        if (idFile != null) {
            wanted.putAll(readIdFile(idFile));
        }
        wanted.forEach((id, origin) -> {
            if (!known.contains(id)) {
                throw new BadInputException(origin + ": unknown id '" + id + "'");
            }
        });
        var stream = dataset.rows().stream();
        if (ids != null || idFile != null) {
            stream = stream.filter(row -> wanted.containsKey(row.id()));
        }
        if (limit != null) {
            stream = stream.limit(limit);
        }
        List<DataRow> rows = stream.toList();
        if (rows.isEmpty()) {
            throw new BadInputException(dataset.source() + ": no rows selected");
        }
        return rows;
    }

    private static Map<String, String> readIdFile(Path file) {
        List<String> lines = Utf8Text.read(file).lines().toList();
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String id = lines.get(i).strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                ids.putIfAbsent(id, file + ":" + (i + 1));
            }
        }
        return ids;
    }
}
