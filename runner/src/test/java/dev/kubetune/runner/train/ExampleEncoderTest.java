package dev.kubetune.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.prompt.TrainingPair;
import java.util.Arrays;
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
    void longPromptsLoseTheirStartAndAreReported() {
        TrainingPair pair = TrainingFixtures.constantAnswer("cardiac").get(0);
        long[] prompt = model.tokenizer().encode(pair.prompt());
        long[] response = model.tokenizer().encode(pair.response());
        int max = response.length + 5;
        TokenizedExample e = new ExampleEncoder(model.tokenizer(), 1, max).encode(pair);
        assertThat(e.truncated()).isTrue();
        assertThat(e.tokens()).hasSize(max);
        assertThat(Arrays.copyOf(e.tokens(), 5)).containsExactly(Arrays.copyOfRange(prompt, prompt.length - 5, prompt.length));
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
