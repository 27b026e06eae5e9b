package dev.kubetune.runner.generate;

import dev.kubetune.runner.model.Fixtures;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.model.WeightDeltas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A program, not a test: builds a Llama-shaped model with random weights (~85M body parameters, the
 * fixtures' 379-token vocabulary and tokenizer) and prints generation throughput.
 * Args: [batch] [newTokens] [promptTokens].
 */
public final class GenerationBenchmark {

    public static void main(String[] args) throws IOException {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int newTokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int promptTokens = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path folder = Files.createTempDirectory("kubetune-bench");
        int hidden = 768, inter = 2048, layers = 12, heads = 12, kvHeads = 4, dim = 64, vocab = 379;
        Files.writeString(folder.resolve("config.json"), String.format("""
                {"model_type": "llama", "hidden_size": %d, "intermediate_size": %d, "num_hidden_layers": %d,
                 "num_attention_heads": %d, "num_key_value_heads": %d, "head_dim": %d, "vocab_size": %d,
                 "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "tie_word_embeddings": true, "eos_token_id": -1}""",
                hidden, inter, layers, heads, kvHeads, dim, vocab));
        Files.copy(Fixtures.folder("tiny-llama").resolve("tokenizer.json"), folder.resolve("tokenizer.json"));
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("model.embed_tokens.weight", new long[] {vocab, hidden});
        shapes.put("model.norm.weight", new long[] {hidden});
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            shapes.put(p + "input_layernorm.weight", new long[] {hidden});
            shapes.put(p + "post_attention_layernorm.weight", new long[] {hidden});
            shapes.put(p + "self_attn.q_proj.weight", new long[] {heads * dim, hidden});
            shapes.put(p + "self_attn.k_proj.weight", new long[] {kvHeads * dim, hidden});
            shapes.put(p + "self_attn.v_proj.weight", new long[] {kvHeads * dim, hidden});
            shapes.put(p + "self_attn.o_proj.weight", new long[] {hidden, heads * dim});
            shapes.put(p + "mlp.gate_proj.weight", new long[] {inter, hidden});
            shapes.put(p + "mlp.up_proj.weight", new long[] {inter, hidden});
            shapes.put(p + "mlp.down_proj.weight", new long[] {hidden, inter});
        }
        writeRandom(folder.resolve("model.safetensors"), shapes);
        Random random = new Random(1);
        List<long[]> prompts = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            prompts.add(random.longs(promptTokens, 0, 256).toArray());
        }
        try (LanguageModel model = LanguageModel.load(folder)) {
            Generator generator = new Generator(model.decoder(), model.tokenizer(), model.manager());
            GenerationSettings settings = GenerationSettings.greedy(newTokens).withBatchSize(batch);
            generator.generateFromIds(prompts, settings, WeightDeltas.NONE); // warm-up
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                List<Completion> out = generator.generateFromIds(prompts, settings, WeightDeltas.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                int generated = out.stream().mapToInt(c -> c.tokenIds().length).sum();
                System.out.printf("batch %d, prompt %d, new %d: %.2f s, %.1f generated tokens/s%n",
                        batch, promptTokens, newTokens, seconds, generated / seconds);
            }
        }
    }

    private static void writeRandom(Path file, Map<String, long[]> shapes) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (var e : shapes.entrySet()) {
            long bytes = 4L * java.util.Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            header.append(header.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":{\"dtype\":\"F32\",")
                    .append("\"shape\":").append(java.util.Arrays.toString(e.getValue()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' '); // safetensors pads the header so tensor data stays aligned
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, h.length));
            out.write(ByteBuffer.wrap(h));
            for (var e : shapes.entrySet()) {
                long[] s = e.getValue();
                boolean norm = s.length == 1;
                int count = (int) java.util.Arrays.stream(s).reduce(1, (a, b) -> a * b);
                ByteBuffer data = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
                double std = norm ? 0 : 1 / Math.sqrt(s[s.length - 1]);
                for (int i = 0; i < count; i++) {
                    data.putFloat(norm ? 1f : (float) (random.nextGaussian() * std));
                }
                data.flip();
                out.write(data);
            }
        }
    }
}
