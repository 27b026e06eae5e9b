package dev.kubetune.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.kubetune.api.spec.DataFormat;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * A labelled or unlabelled data set (jsonl, json or csv) in a volume, and which of its rows to use.
 * At most one of ids and idFile; limit applies after them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.ids) && has(self.idFile))", message = "set ids or idFile, not both")
public class DatasetSpec {

    @JsonPropertyDescription("Name of the volume (from spec.volumes) that holds the data set.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String volume;

    @JsonPropertyDescription("Path of the data file inside the volume.")
    @Required
    private String path;

    @JsonPropertyDescription("File format; by default taken from the file extension (.jsonl, .json, .csv).")
    private DataFormat format;

    @JsonPropertyDescription("Field holding the input text.")
    @Default("text")
    private String textField = "text";

    @JsonPropertyDescription("Field holding the gold label; required for FoldTraining, optional for InferenceRun.")
    private String labelField;

    @JsonPropertyDescription("Field holding the row id (unique).")
    @Default("id")
    private String idField = "id";

    @JsonPropertyDescription("Use only these row ids, in data set order.")
    private List<String> ids;

    @JsonPropertyDescription("Path (inside the same volume) of a file with one row id per line; blank lines and # comments ignored.")
    private String idFile;

    @JsonPropertyDescription("Use at most this many rows (after ids / idFile).")
    @Min(1)
    private Integer limit;

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public DataFormat getFormat() {
        return format;
    }

    public void setFormat(DataFormat format) {
        this.format = format;
    }

    public String getTextField() {
        return textField;
    }

    public void setTextField(String textField) {
        this.textField = textField;
    }

    public String getLabelField() {
        return labelField;
    }

    public void setLabelField(String labelField) {
        this.labelField = labelField;
    }

    public String getIdField() {
        return idField;
    }

    public void setIdField(String idField) {
        this.idField = idField;
    }

    public List<String> getIds() {
        return ids;
    }

    public void setIds(List<String> ids) {
        this.ids = ids;
    }

    public String getIdFile() {
        return idFile;
    }

    public void setIdFile(String idFile) {
        this.idFile = idFile;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }
}
