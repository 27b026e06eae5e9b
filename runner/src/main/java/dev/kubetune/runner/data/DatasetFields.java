package dev.kubetune.runner.data;

/**
 * Which fields of a data set hold the id, the text and the label.
 *
 * @param idField the id field; {@code null} numbers the rows 1, 2, 3… in file order
 * @param textField the text field (required in every row)
 * @param labelField the label field, or {@code null} when the data set is unlabelled
 */
public record DatasetFields(String idField, String textField, String labelField) {

    /** id, text and no label. */
    public static final DatasetFields DEFAULT = new DatasetFields("id", "text", null);

    public DatasetFields {
        if (textField == null || textField.isBlank()) {
            throw new IllegalArgumentException("textField must be named");
        }
    }

    public DatasetFields withLabel(String field) {
        return new DatasetFields(idField, textField, field);
    }
}
