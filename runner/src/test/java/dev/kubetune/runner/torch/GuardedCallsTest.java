package dev.kubetune.runner.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runner code calls the DJL methods that abort on bfloat16 only through {@link DtypeGuard}: no
 * toType, zeros/ones/full, softmax, logSoftmax, toDevice or *Like call, and no create with a dtype
 * DJL cannot name (a create with float32, uint8, ... is safe), outside this package.
 */
class GuardedCallsTest {

    private static final Pattern ABORTING = Pattern.compile(
            "(?<!DtypeGuard)\\.(toType|zeros|ones|full|softmax|logSoftmax|toDevice|zerosLike|onesLike|fullLike)\\("
                    + "|\\.create\\([^;]*DataType\\.(BFLOAT16|UNKNOWN|STRING|UINT16|UINT32|UINT64|INT16)");

    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"");

    @Test
    void noRunnerCodeOutsideTheGuardCallsThemDirectly() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.startsWith(main.resolve("dev/kubetune/runner/torch"))) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = STRING_LITERAL.matcher(lines.get(i)).replaceAll("\"\"");
                    if (ABORTING.matcher(code).find()) {
                        offences.add(main.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
