package dev.kubetune.runner.prompt;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A prompt template is checked against the rows before any work: typos fail, optional fields guarded as such pass. */
class PromptTemplateCheckTest {

    private static final DataRow ROW = DataRow.of("a", "chest pain", "cardiac");

    @Test
    void aVariableTheRowsLackIsBadInput() {
        assertThatThrownBy(() -> PromptTemplate.of("Note: {{ txt }}").check(ROW, List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown variable 'txt'");
    }

    @Test
    void anUnclosedTagIsBadInput() {
        assertThatThrownBy(() -> PromptTemplate.of("Note: {{ text ").check(ROW, List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("line 1: '{{' is never closed with '}}'");
    }

    @Test
    void anOptionalFieldGuardedAsSuchPasses() {
        assertThatCode(() -> PromptTemplate.of("{% if note is defined %}{{ note }}{% endif %}{{ text }}").check(ROW, List.of()))
                .doesNotThrowAnyException();
        assertThatCode(() -> PromptTemplate.of("{{ note | default('') }}{{ text }} {{ labels | join(', ') }}").check(ROW, List.of()))
                .doesNotThrowAnyException();
    }
}
