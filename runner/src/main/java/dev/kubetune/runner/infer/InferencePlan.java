package dev.kubetune.runner.infer;

import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.data.Dataset;
import dev.kubetune.runner.data.DatasetReader;
import dev.kubetune.runner.model.ModelConfig;
import dev.kubetune.runner.label.LabelExtractor;
import dev.kubetune.runner.prompt.ChatTemplate;
import dev.kubetune.runner.prompt.FittedPrompt;
import dev.kubetune.runner.prompt.PromptBuilder;
import dev.kubetune.runner.prompt.PromptFitter;
import dev.kubetune.runner.prompt.PromptTemplate;
import dev.kubetune.runner.tokenize.TextTokenizer;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What an inference job will do, before any model is loaded: the selected rows, their final prompts
 * (prompt template, then chat template, fitted to the input-token limit by {@link PromptFitter}) and
 * the labels predictions are extracted against.
 *
 * @param fitted one prompt per row: its text, its token ids and whether the row's text was cut
 * @param labels the allowed labels: as given, else the data set's gold labels; empty when neither
 */
public record InferencePlan(InferSettings settings, List<DataRow> rows, List<FittedPrompt> fitted, List<String> labels) {

    /** Reads the data set, selects rows and builds every prompt; bad input names the file and line or key. */
    public static InferencePlan prepare(InferSettings s) {
        return prepare(s, UnaryOperator.identity());
    }

    /** Like {@link #prepare(InferSettings)}, keeping only the rows {@code subset} returns (a shard). */
    public static InferencePlan prepare(InferSettings s, UnaryOperator<List<DataRow>> subset) {
        DatasetReader reader = new DatasetReader();
        Dataset dataset = s.dataFormat() == null ? reader.read(s.data(), s.fields())
                : reader.read(s.data(), s.dataFormat(), s.fields());
        List<DataRow> rows = subset.apply(s.selection().apply(dataset));
        List<String> labels = s.labels() != null ? List.copyOf(s.labels()) : dataset.labels();
        checkBeforeWork(s, dataset, rows, labels);
        Integer context = ModelConfig.load(s.model()).maxPositionEmbeddings();
        int limit = PromptFitter.inferenceLimit(s.maxInputTokens(), context, s.generation().maxNewTokens());
        try (TextTokenizer tokenizer = TextTokenizer.load(s.model())) {
            PromptFitter fitter = new PromptFitter(promptBuilder(s, labels), tokenizer, s.truncation());
            return new InferencePlan(s, List.copyOf(rows), rows.stream().map(r -> fitter.fit(r, limit)).toList(), labels);
        }
    }

    /** The final prompts as text, one per row. */
    public List<String> prompts() {
        return fitted.stream().map(FittedPrompt::text).toList();
    }

    /** Rows whose text was cut to fit. */
    public int truncatedRows() {
        return (int) fitted.stream().filter(FittedPrompt::truncated).count();
    }

    /**
     * What would otherwise show only after the work, or never: the prompt template against the rows' fields,
     * the extraction pattern, and the gold labels against the allowed labels (a gold label no prediction
     * can equal makes every metric wrong).
     */
    private static void checkBeforeWork(InferSettings s, Dataset dataset, List<DataRow> rows, List<String> labels) {
        PromptTemplate.of(s.promptTemplate()).check(dataset.rows().get(0), labels);
        LabelExtractor.of(s.extract().value(), labels, s.extractPattern());
        if (s.labels() != null) {
            for (DataRow row : rows) {
                if (row.label() != null && !labels.contains(row.label())) {
                    throw new BadInputException(dataset.source() + ": row '" + row.id() + "': gold label '" + row.label()
                            + "' is not one of the allowed labels (prompt.labels / --labels: " + String.join(", ", labels) + ")");
                }
            }
        }
    }

    /** The plan's rows at {@code positions} (a fold's test rows): same settings, prompts and labels. */
    public InferencePlan subset(List<Integer> positions) {
        return new InferencePlan(settings, positions.stream().map(rows::get).toList(),
                positions.stream().map(fitted::get).toList(), labels);
    }

    /** The builder of this plan's prompts; training pairs come from it, so they match inference byte for byte. */
    public PromptBuilder promptBuilder() {
        return promptBuilder(settings, labels);
    }

    private static PromptBuilder promptBuilder(InferSettings s, List<String> labels) {
        ChatTemplate chat = s.chatTemplate()
                ? ChatTemplate.fromModelFolder(s.model(), s.chatTemplateName(), Clock.systemDefaultZone()) : null;
        return new PromptBuilder(PromptTemplate.of(s.promptTemplate()), chat, s.system(), labels, s.chatOptions());
    }
}
