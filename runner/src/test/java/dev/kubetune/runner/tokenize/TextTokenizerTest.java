package dev.kubetune.runner.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.runner.model.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextTokenizerTest {

    static Stream<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void tokenIdsMatchTheReferenceIncludingSpecialTokensInTheText(String fixture) {
        try (TextTokenizer tokenizer = TextTokenizer.load(Fixtures.folder(fixture))) {
            for (Fixtures.Case c : Fixtures.cases(fixture)) {
                assertThat(tokenizer.encode(c.text())).as(c.text()).containsExactly(c.inputIds());
                String withoutSpecials = c.text().replaceAll("<\\|[a-z_]+\\|>", "");
                assertThat(tokenizer.decode(c.inputIds())).isEqualTo(withoutSpecials);
            }
        }
    }

    @Test
    void longTextsAreNotTruncated() {
        try (TextTokenizer tokenizer = TextTokenizer.load(Fixtures.folder("tiny-llama"))) {
            String text = "Skin rash with itching on the arms and legs. ".repeat(200);
            long[] ids = tokenizer.encode(text);
            assertThat(ids.length).isGreaterThan(1000);
            assertThat(tokenizer.decode(ids)).isEqualTo(text);
        }
    }
}
