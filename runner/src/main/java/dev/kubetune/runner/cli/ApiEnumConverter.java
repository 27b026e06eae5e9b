package dev.kubetune.runner.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kubetune.api.spec.DataFormat;
import dev.kubetune.api.spec.LabelExtraction;
import dev.kubetune.api.spec.OutputFormat;
import java.util.Arrays;
import picocli.CommandLine;

/** Reads the API's enums on the command line by their manifest names (first-word, jsonl…), any case. */
abstract class ApiEnumConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Class<E> type;

    ApiEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (JSON.convertValue(constant, String.class).equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of "
                + String.join(", ", Arrays.stream(type.getEnumConstants()).map(c -> JSON.convertValue(c, String.class)).toList()));
    }

    static final class DataFormats extends ApiEnumConverter<DataFormat> {
        DataFormats() {
            super(DataFormat.class);
        }
    }

    static final class OutputFormats extends ApiEnumConverter<OutputFormat> {
        OutputFormats() {
            super(OutputFormat.class);
        }
    }

    static final class Dtypes extends ApiEnumConverter<dev.kubetune.api.spec.Dtype> {
        Dtypes() {
            super(dev.kubetune.api.spec.Dtype.class);
        }
    }

    static final class Truncations extends ApiEnumConverter<dev.kubetune.api.spec.Truncation> {
        Truncations() {
            super(dev.kubetune.api.spec.Truncation.class);
        }
    }

    static final class LabelExtractions extends ApiEnumConverter<LabelExtraction> {
        LabelExtractions() {
            super(LabelExtraction.class);
        }
    }

    static final class Scorings extends ApiEnumConverter<dev.kubetune.api.spec.Scoring> {
        Scorings() {
            super(dev.kubetune.api.spec.Scoring.class);
        }
    }
}
