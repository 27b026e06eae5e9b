package dev.kubetune.runner.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.kubetune.runner.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model folder's tokenizer.json through Hugging Face tokenizers (DJL's bundled native library,
 * no network). Special tokens written in the text ("&lt;|im_start|&gt;") become their ids.
 * No truncation and no padding: the generator pads.
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private TextTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static TextTokenizer load(Path modelFolder) {
        Path file = modelFolder.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(modelFolder + ": no tokenizer.json in the model folder");
        }
        try {
            return new TextTokenizer(HuggingFaceTokenizer.newInstance(file, Map.of(
                    "addSpecialTokens", "false", "truncation", "false", "padding", "false",
                    "modelMaxLength", String.valueOf(Integer.MAX_VALUE))));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": cannot load the tokenizer (" + e.getMessage() + ")", e);
        }
    }

    /** Token ids of {@code text} as written, without adding BOS/EOS (chat templates already hold them). */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** Token ids with the tokenizer's post-processor special tokens (BOS for Llama-style tokenizers). */
    public long[] encodeWithSpecialTokens(String text) {
        return tokenizer.encode(text, true, false).getIds();
    }

    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    /** One token's text, special tokens included ("&lt;|im_end|&gt;"). */
    public String tokenText(long id) {
        return tokenizer.decode(new long[] {id}, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
