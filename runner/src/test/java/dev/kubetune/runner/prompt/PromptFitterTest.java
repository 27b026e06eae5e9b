package dev.kubetune.runner.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.api.spec.Truncation;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.tokenize.TextTokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The row's text is cut, token-exact, on the side asked for; instruction, system message and chat
 * template tokens are kept whole; error mode and prompts that cannot fit are bad input naming the row.
 */
class PromptFitterTest {

    private static final String TEXT = "The patient reports chest pain radiating to the left arm since this morning, "
            + "with shortness of breath, sweating and nausea; history of hypertension and smoking.";
    private static final DataRow ROW = DataRow.of("n7", TEXT, "cardiac");

    private final TextTokenizer tokenizer = Fixtures.model("tiny-qwen3").tokenizer();
    private final PromptBuilder builder = new PromptBuilder(PromptTemplate.of("Classify the note.\n{{ text }}"),
            ChatTemplate.fromModelFolder(Fixtures.folder("tiny-qwen3")), "Answer with one word.", List.of());
    private final long[] text = tokenizer.encode(TEXT);
    private final String marker = "\uE000";
    private final String[] around = builder.build(DataRow.of("n7", marker, null)).split(marker);
    private final long[] before = tokenizer.encode(around[0]);
    private final long[] after = tokenizer.encode(around[1]);
    private final int limit = before.length + after.length + 10;

    @Test
    void promptWithinTheLimitIsEncodedWhole() {
        FittedPrompt fitted = fitter(Truncation.END).fit(ROW, 10_000);
        assertThat(fitted.truncated()).isFalse();
        assertThat(fitted.text()).isEqualTo(builder.build(ROW));
        assertThat(fitted.tokenIds()).containsExactly(tokenizer.encode(builder.build(ROW)));
        assertThat(fitted.originalTokens()).isEqualTo(fitted.tokenIds().length);
    }

    @Test
    void endKeepsTheTextsFirstTokens() {
        FittedPrompt fitted = fitter(Truncation.END).fit(ROW, limit);
        assertThat(text.length).isGreaterThan(10);
        assertThat(fitted.truncated()).isTrue();
        assertThat(fitted.tokenIds()).containsExactly(concat(before, Arrays.copyOf(text, 10), after));
        assertThat(fitted.text()).isEqualTo(around[0] + tokenizer.decode(Arrays.copyOf(text, 10)) + around[1])
                .contains("Answer with one word.").contains("Classify the note.");
        assertThat(fitted.originalTokens()).isEqualTo(tokenizer.encode(builder.build(ROW)).length);
    }

    @Test
    void startKeepsTheTextsLastTokens() {
        FittedPrompt fitted = fitter(Truncation.START).fit(ROW, limit);
        assertThat(fitted.tokenIds()).containsExactly(
                concat(before, Arrays.copyOfRange(text, text.length - 10, text.length), after));
        assertThat(fitted.text()).endsWith(around[1]).contains("smoking.");
    }

    @Test
    void middleKeepsBothEnds() {
        FittedPrompt fitted = fitter(Truncation.MIDDLE).fit(ROW, limit + 1);
        long[] kept = concat(Arrays.copyOf(text, 6), Arrays.copyOfRange(text, text.length - 5, text.length));
        assertThat(fitted.tokenIds()).containsExactly(concat(before, kept, after));
        assertThat(fitted.tokenIds()).hasSize(limit + 1);
    }

    @Test
    void errorModeNamesTheRowItsTokensAndTheLimit() {
        int whole = tokenizer.encode(builder.build(ROW)).length;
        assertThatThrownBy(() -> fitter(Truncation.ERROR).fit(ROW, limit))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("row 'n7'").hasMessageContaining(whole + " tokens")
                .hasMessageContaining("limit of " + limit);
        assertThat(fitter(Truncation.ERROR).fit(ROW, whole).truncated()).isFalse();
    }

    @Test
    void aPromptThatCannotFitWithoutItsTextIsBadInput() {
        assertThatThrownBy(() -> fitter(Truncation.END).fit(ROW, before.length + after.length))
                .isInstanceOf(BadInputException.class).hasMessageContaining("row 'n7'")
                .hasMessageContaining("cannot fit in " + (before.length + after.length) + " tokens");
    }

    @Test
    void limitsComeFromTheContextAndTheGenerationBudget() {
        assertThat(PromptFitter.inferenceLimit(null, 256, 8)).isEqualTo(248);
        assertThat(PromptFitter.inferenceLimit(100, 256, 8)).isEqualTo(100);
        assertThat(PromptFitter.inferenceLimit(null, null, 8)).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> PromptFitter.inferenceLimit(250, 256, 8)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("prompt.maxInputTokens 250 + maxNewTokens 8 is over the model's context of 256");
        assertThatThrownBy(() -> PromptFitter.inferenceLimit(null, 256, 256)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("maxNewTokens 256 leaves no room");
    }

    private PromptFitter fitter(Truncation truncation) {
        return new PromptFitter(builder, tokenizer, truncation);
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(LongStream::of).toArray();
    }
}
