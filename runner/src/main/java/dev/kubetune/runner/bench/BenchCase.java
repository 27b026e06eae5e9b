package dev.kubetune.runner.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark case: decoding (batch, prompt length, new tokens) or LoRA training (batch, sequence
 * length, rank on q_proj and v_proj). {@link #arguments} are the same for the runner's case process and
 * torch_reference.py, so both run the same shapes.
 */
public record BenchCase(String name, String mode, int batch, int prompt, int newTokens, int seq, int steps, int rank) {

    public static BenchCase decode(int batch, int prompt, int newTokens) {
        return new BenchCase("decode b" + batch, "decode", batch, prompt, newTokens, 0, 0, 0);
    }

    public static BenchCase train(int batch, int seq, int steps, int rank) {
        return new BenchCase("LoRA train b" + batch + "x" + seq, "train", batch, 0, 0, seq, steps, rank);
    }

    /** The cases of {@code kubetune bench}: decode at batch 1 and 8 (prompt 64, 64 new), LoRA r8 on 4 × 128 tokens. */
    public static List<BenchCase> standard() {
        return List.of(decode(1, 64, 64), decode(8, 64, 64), train(4, 128, 5, 8));
    }

    public boolean decoding() {
        return mode.equals("decode");
    }

    /** MODE and its options, as torch_reference.py and {@link RunnerCase} take them (after the model folder). */
    public List<String> arguments(int threads) {
        List<String> args = new ArrayList<>(List.of(mode, "--batch", String.valueOf(batch)));
        if (decoding()) {
            args.addAll(List.of("--prompt", String.valueOf(prompt), "--new", String.valueOf(newTokens)));
        } else {
            args.addAll(List.of("--seq", String.valueOf(seq), "--steps", String.valueOf(steps), "--rank", String.valueOf(rank)));
        }
        args.addAll(List.of("--warmup", "1", "--threads", String.valueOf(threads)));
        return args;
    }
}
