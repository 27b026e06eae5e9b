package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The safetensors format's own rules, checked on a header before any tensor is read. */
class SafetensorsHeaderTest {

    private static final Path FILE = Path.of("m.safetensors");

    private static JsonNode header(String json) throws Exception {
        return new ObjectMapper().readTree(json.replace('\'', '"'));
    }

    @Test
    void aConsistentHeaderPasses() throws Exception {
        JsonNode h = header("{'__metadata__': {'format': 'pt'}, 'a': {'dtype': 'F32', 'shape': [2, 3], 'data_offsets': [0, 24]},"
                + " 'b': {'dtype': 'BF16', 'shape': [4], 'data_offsets': [24, 32]}, 's': {'dtype': 'I64', 'shape': [], 'data_offsets': [32, 40]}}");
        assertThatCode(() -> SafetensorsHeader.check(FILE, h, 40)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "dtype × shape ≠ bytes | {'a': {'dtype': 'F16', 'shape': [2, 3], 'data_offsets': [0, 24]}} | dtype F16 × shape [2, 3] is 12 bytes, but data_offsets [0, 24] hold 24",
        "end before begin | {'a': {'dtype': 'F32', 'shape': [2, 3], 'data_offsets': [24, 0]}} | end before they begin",
        "past the end | {'a': {'dtype': 'F32', 'shape': [2, 3], 'data_offsets': [16, 40]}} | reach past the end of the file's 32 data bytes",
        "overlap | {'a': {'dtype': 'F32', 'shape': [4], 'data_offsets': [0, 16]}, 'b': {'dtype': 'F32', 'shape': [4], 'data_offsets': [8, 24]}} | tensors 'a' and 'b' overlap",
        "unknown dtype | {'a': {'dtype': 'Q4', 'shape': [4], 'data_offsets': [0, 2]}} | unknown dtype 'Q4'",
        "negative size | {'a': {'dtype': 'F32', 'shape': [-1, 4], 'data_offsets': [0, 16]}} | shape: must be a list of integers ≥ 0",
        "shape not a list | {'a': {'dtype': 'F32', 'shape': 'big', 'data_offsets': [0, 16]}} | shape: must be a list",
        "one offset | {'a': {'dtype': 'F32', 'shape': [4], 'data_offsets': [16]}} | data_offsets: must be a list of 2 integers",
        "huge shape | {'a': {'dtype': 'F32', 'shape': [4611686018427387904, 8], 'data_offsets': [0, 16]}} | but data_offsets",
        "not an object | [1, 2] | the header is not a JSON object"})
    void aBrokenHeaderIsBadInputNamingFileAndTensor(String name, String json, String message) throws Exception {
        JsonNode h = header(json);
        assertThatThrownBy(() -> SafetensorsHeader.check(FILE, h, 32)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(FILE.toString()).hasMessageContaining(message);
    }
}
