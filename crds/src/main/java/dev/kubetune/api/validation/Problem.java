package dev.kubetune.api.validation;

/**
 * One thing wrong with a manifest, printed as one line:
 * {@code quickstart.yaml:12: FoldTraining/notes: spec.folds.k: must be ≥ 2}.
 *
 * @param source   the file (or "-" for standard input)
 * @param line     the line where the document (or the error) starts; 0 when unknown
 * @param resource Kind/name of the resource, or null when the document is not one
 * @param path     the field path (spec.folds.k), or null for the whole document
 * @param message  what is wrong, in a few words
 */
public record Problem(String source, int line, String resource, String path, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (resource != null) {
            sb.append(resource).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
