package dev.kubetune.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCaseTest {

    @Test
    void casesAreReadFromTheirCommandLineForm() {
        BenchCase decode = BenchCase.parse("decode-b8", "bfloat16");
        assertThat(decode.decoding()).isTrue();
        assertThat(decode.batch()).isEqualTo(8);
        assertThat(decode.prompt()).isEqualTo(64);
        assertThat(decode.newTokens()).isEqualTo(64);
        assertThat(decode.name()).isEqualTo("decode b8 bf16");

        BenchCase train = BenchCase.parse("train-b1x256-r16-all-s1", "float32");
        assertThat(train.decoding()).isFalse();
        assertThat(List.of(train.batch(), train.seq(), train.rank(), train.steps())).containsExactly(1, 256, 16, 1);
        assertThat(train.allProjections()).isTrue();
        assertThat(train.name()).isEqualTo("LoRA train b1x256 r16 all f32");
        assertThat(train.arguments(2, 0)).containsSequence("--targets", "all").containsSequence("--dtype", "float32")
                .containsSequence("--warmup", "0");

        BenchCase standard = BenchCase.parse("train-b4x128", "float32");
        assertThat(List.of(standard.rank(), standard.steps())).containsExactly(8, 5);
        assertThat(standard.allProjections()).isFalse();
        assertThat(standard.arguments(2, 1)).containsSequence("--targets", "qv");
    }

    @Test
    void everySpecRunsInEveryDtypeSideBySide() {
        assertThat(BenchCase.of(List.of("decode-b1", "decode-b8"), List.of("bfloat16", "float32")))
                .extracting(BenchCase::name)
                .containsExactly("decode b1 bf16", "decode b1 f32", "decode b8 bf16", "decode b8 f32");
    }

    @Test
    void anUnknownCaseOrDtypeIsBadInputNamingIt() {
        assertThatThrownBy(() -> BenchCase.parse("decode-8", "float32")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--cases: 'decode-8' is not a case");
        assertThatThrownBy(() -> BenchCase.parse("train-b0x128", "float32")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--cases: 0");
        assertThatThrownBy(() -> BenchCase.parse("decode-b1", "float16")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--dtype: float16 is not one of float32, bfloat16");
    }
}
