package dev.kubetune.runner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kubetune.api.spec.LoraSpec;
import dev.kubetune.api.spec.TargetModule;
import dev.kubetune.api.spec.TrainingSpec;
import dev.kubetune.runner.data.DataRow;
import dev.kubetune.runner.lora.LoraAdapter;
import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.prompt.ChatTemplate;
import dev.kubetune.runner.prompt.PromptBuilder;
import dev.kubetune.runner.prompt.PromptTemplate;
import dev.kubetune.runner.prompt.TrainingPair;
import java.util.List;
import java.util.stream.IntStream;

/** Small training sets and settings on the tiny Llama fixture. */
final class TrainingFixtures {

    static final String MODEL = "tiny-llama";
    static final List<String> NOTES = List.of("Chest pain on exertion.", "Persistent dry cough.",
            "Headache and dizziness.", "Itchy red rash.", "Stomach ache after meals.", "Excessive thirst.");

    private TrainingFixtures() {
    }

    static LanguageModel model() {
        return Fixtures.model(MODEL);
    }

    static long eosId(LanguageModel model) {
        return model.config().eosTokenIds().get(0);
    }

    /** Rows whose label is always {@code answer}, prompted as kubetune infer prompts them. */
    static List<TrainingPair> constantAnswer(String answer) {
        PromptBuilder builder = builder(List.of(answer));
        return IntStream.range(0, NOTES.size())
                .mapToObj(i -> builder.trainingPair(DataRow.of("r" + i, NOTES.get(i), answer))).toList();
    }

    /** The note classification prompt through the fixture's chat template. */
    static PromptBuilder builder(List<String> labels) {
        return new PromptBuilder(PromptTemplate.of("Classify the note.\n{{ text }}"),
                ChatTemplate.fromModelFolder(Fixtures.folder(MODEL)), "Answer with one word.", labels);
    }

    static List<TokenizedExample> encode(LanguageModel model, List<TrainingPair> pairs, int maxLength) {
        ExampleEncoder encoder = new ExampleEncoder(model.tokenizer(), eosId(model), maxLength);
        return pairs.stream().map(encoder::encode).toList();
    }

    static TrainingSpec training(int epochs, double learningRate) {
        TrainingSpec t = new TrainingSpec();
        t.setEpochs(epochs);
        t.setLearningRate(learningRate);
        t.setBatchSize(3);
        t.setGradientAccumulation(1);
        t.setMaxSeqLength(128);
        t.setWarmupRatio(0.0);
        t.setSeed(11);
        t.setLoggingSteps(1);
        return t;
    }

    static LoraSpec lora() {
        LoraSpec l = new LoraSpec();
        l.setRank(4);
        l.setAlpha(8);
        l.setTargetModules(List.of(TargetModule.Q_PROJ, TargetModule.V_PROJ, TargetModule.O_PROJ, TargetModule.DOWN_PROJ));
        return l;
    }

    /**
     * The response loss's derivative in one weight element by central differences (step 1e-2), the
     * element restored afterwards: what autograd's LoRA gradients are checked against.
     */
    static double centralDifference(LanguageModel on, NDArray weight, int index, LoraAdapter adapter,
                                    List<TokenizedExample> batch, NDManager scope) {
        float eps = 1e-2f;
        float[] values = weight.toFloatArray();
        float original = values[index];
        values[index] = original + eps;
        weight.set(values);
        double plus = ResponseLoss.sum(on.decoder(), batch, 0, adapter, scope).getFloat();
        values[index] = original - eps;
        weight.set(values);
        double minus = ResponseLoss.sum(on.decoder(), batch, 0, adapter, scope).getFloat();
        values[index] = original;
        weight.set(values);
        return (plus - minus) / (2 * eps);
    }

    /** Indices of the {@code n} entries largest in magnitude. */
    static int[] largest(float[] values, int n) {
        return IntStream.range(0, values.length).boxed()
                .sorted((x, y) -> Float.compare(Math.abs(values[y]), Math.abs(values[x])))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }
}
