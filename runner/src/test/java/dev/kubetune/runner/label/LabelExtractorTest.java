package dev.kubetune.runner.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubetune.runner.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelExtractorTest {

    private static final List<String> LABELS = List.of("cardiac", "respiratory", "neuro", "digestive", "skin", "endocrine");

    @Test
    void firstWordStripsPunctuationAndMatchesCaseInsensitively() {
        LabelExtractor extractor = LabelExtractor.of("first-word", LABELS, null);
        assertThat(extractor.extract("Cardiac.")).isEqualTo("cardiac");
        assertThat(extractor.extract("  \"SKIN\", because of the rash")).isEqualTo("skin");
        assertThat(extractor.extract("\n**neuro**\n")).isEqualTo("neuro");
        assertThat(extractor.extract("The answer is cardiac")).isEqualTo("The");
        assertThat(extractor.extract("")).isEmpty();
        assertThat(extractor.extract(null)).isEmpty();
    }

    @Test
    void regexTakesTheFirstGroup() {
        LabelExtractor extractor = LabelExtractor.of("regex", LABELS, "(?i)category:\\s*(\\w+)");
        assertThat(extractor.extract("Thinking... Category: Respiratory")).isEqualTo("respiratory");
        assertThat(extractor.extract("Category: renal")).isEqualTo("renal");
        assertThat(extractor.extract("no idea")).isEmpty();
        assertThat(LabelExtractor.of("regex:\\bskin\\b", LABELS, null).extract("looks like skin")).isEqualTo("skin");
    }

    @Test
    void closestFollowsItsDocumentedRules() {
        LabelExtractor extractor = LabelExtractor.of("closest", LABELS, null);
        assertThat(extractor.extract("Neuro")).isEqualTo("neuro");
        assertThat(extractor.extract("resp")).isEqualTo("respiratory");
        assertThat(extractor.extract("cardiacs")).isEqualTo("cardiac");
        assertThat(extractor.extract("cardiology")).isEqualTo("cardiac");
        assertThat(extractor.extract("digestve")).isEqualTo("digestive");
        assertThat(extractor.extract("skn")).isEqualTo("skin");
        assertThat(extractor.extract("")).isEmpty();
    }

    @Test
    void closestBreaksTiesByLabelOrder() {
        // "ab" is one edit from both "aa" and "bb"
        assertThat(new ClosestLabelExtractor(List.of("bb", "aa")).extract("ab")).isEqualTo("bb");
        // "x" is a prefix of both: no unique prefix, so distance decides (1 from "xy", 2 from "xyz")
        assertThat(new ClosestLabelExtractor(List.of("xyz", "xy")).extract("x")).isEqualTo("xy");
    }

    @Test
    void editDistance() {
        assertThat(ClosestLabelExtractor.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(ClosestLabelExtractor.editDistance("", "abc")).isEqualTo(3);
        assertThat(ClosestLabelExtractor.editDistance("same", "same")).isZero();
    }

    @Test
    void badSpecs() {
        assertThatThrownBy(() -> LabelExtractor.of("vote", LABELS, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown method 'vote'");
        assertThatThrownBy(() -> LabelExtractor.of("regex", LABELS, null)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> LabelExtractor.of("regex:(", LABELS, null))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("prompt.extractPattern (--extract-pattern): not a regular expression");
    }
}
