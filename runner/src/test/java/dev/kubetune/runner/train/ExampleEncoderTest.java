package dev.kubetune.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.api.spec.Truncation;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.prompt.FittedPrompt;
import dev.kubetune.runner.prompt.PromptFitter;
import dev.kubetune.runner.prompt.TrainingPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prompt tokens as inference encodes them, then the response (the chat template's assistant turn, or the label and EOS); the loss mask starts at the response. */
class ExampleEncoderTest {

    private final LanguageModel model = TrainingFixtures.model();

    @Test
    void chatResponseIsTheAssistantTurnAndTheLossCoversItsEndOfTurn() {
        TrainingPair pair = TrainingFixtures.constantAnswer("cardiac").get(0);
        assertThat(pair.response()).isEqualTo("cardiac<|im_end|>\n");
        assertThat(pair.endsTurn()).isTrue();
        TokenizedExample e = TrainingFixtures.encode(model, java.util.List.of(pair), 512).get(0);
        long[] prompt = model.tokenizer().encode(pair.prompt());
        long[] response = model.tokenizer().encode(pair.response());
        assertThat(e.responseStart()).isEqualTo(prompt.length);
        assertThat(Arrays.copyOf(e.tokens(), prompt.length)).containsExactly(prompt);
        assertThat(Arrays.copyOfRange(e.tokens(), prompt.length, e.tokens().length)).containsExactly(response);
        assertThat(response).contains(TrainingFixtures.eosId(model));
        assertThat(e.responseTokens()).isEqualTo(response.length);
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void plainResponseIsTheLabelFollowedByEos() {
        TrainingPair pair = new TrainingPair("r1", "Classify the note.\nChest pain.", "cardiac");
        TokenizedExample e = TrainingFixtures.encode(model, java.util.List.of(pair), 512).get(0);
        long[] prompt = model.tokenizer().encode(pair.prompt());
        long[] response = model.tokenizer().encode("cardiac");
        assertThat(e.responseStart()).isEqualTo(prompt.length);
        assertThat(Arrays.copyOfRange(e.tokens(), prompt.length, e.tokens().length - 1)).containsExactly(response);
        assertThat(e.tokens()[e.tokens().length - 1]).isEqualTo(TrainingFixtures.eosId(model));
        assertThat(e.responseTokens()).isEqualTo(response.length + 1);
    }

    @Test
    void longRowsLoseTheirTextNeverTheInstructionOrTheAnswer() {
        String note = "Crushing chest pain radiating to the jaw and left arm, sweating, nausea, short of breath. ".repeat(6);
        DataRow row = DataRow.of("r9", note, "cardiac");
        PromptFitter fitter = new PromptFitter(TrainingFixtures.builder(List.of("cardiac")), model.tokenizer(), Truncation.START);
        long[] whole = model.tokenizer().encode(fitter.builder().build(row));
        TrainingPair pair = fitter.builder().trainingPair(row);
        long[] response = model.tokenizer().encode(pair.response());
        int end = pair.endsTurn() ? 0 : 1;
        int max = whole.length - 20;
        TokenizedExample e = new ExampleEncoder(fitter, TrainingFixtures.eosId(model), max, null).encode(row);
        assertThat(e.truncated()).isTrue();
        assertThat(e.tokens()).hasSize(max);
        assertThat(e.responseTokens()).as("the loss covers the whole answer and its end").isEqualTo(response.length + end);
        assertThat(Arrays.copyOfRange(e.tokens(), e.responseStart(), e.responseStart() + response.length))
                .containsExactly(response);
        FittedPrompt prompt = fitter.fit(row, max - response.length - end);
        assertThat(Arrays.copyOf(e.tokens(), e.responseStart())).containsExactly(prompt.tokenIds());
        assertThat(prompt.text()).contains("Answer with one word.").contains("Classify the note.");

        TokenizedExample capped = new ExampleEncoder(fitter, TrainingFixtures.eosId(model), 512, 40).encode(row);
        assertThat(capped.responseStart()).as("prompt.maxInputTokens caps the prompt").isEqualTo(40);
    }

    @Test
    void aPairGivenAsTextIsNeverCutSilently() {
        TrainingPair pair = TrainingFixtures.constantAnswer("cardiac").get(0);
        long[] response = model.tokenizer().encode(pair.response());
        int max = response.length + 1 + 5;
        assertThatThrownBy(() -> new ExampleEncoder(model.tokenizer(), 1, max).encode(pair))
                .isInstanceOf(BadInputException.class).hasMessageContaining("row 'r0'")
                .hasMessageContaining("training.maxSeqLength " + max);
    }

    @Test
    void aResponseThatDoesNotFitOrAnEmptyPromptIsBadInput() {
        TrainingPair pair = new TrainingPair("r7", "Note", "a very long answer that cannot fit");
        assertThatThrownBy(() -> new ExampleEncoder(model.tokenizer(), 1, 8).encode(pair))
                .isInstanceOf(BadInputException.class).hasMessageContaining("r7").hasMessageContaining("maxSeqLength 8");
        assertThatThrownBy(() -> new ExampleEncoder(model.tokenizer(), 1, 64).encode(new TrainingPair("r8", "", "x")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("r8").hasMessageContaining("prompt is empty");
    }
}
