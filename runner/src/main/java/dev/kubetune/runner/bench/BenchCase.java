package dev.kubetune.runner.bench;

import dev.kubetune.runner.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark case: decoding (batch, prompt length, new tokens) or LoRA training (batch, sequence
 * length, steps, rank on q_proj and v_proj or on every projection), with the weights held in
 * {@code dtype} (float32 or bfloat16). {@link #arguments} are the same for the runner's case process and
 * torch_reference.py, so both run the same shapes in the same dtype.
 */
public record BenchCase(String name, String mode, int batch, int prompt, int newTokens, int seq, int steps, int rank,
                        String dtype, boolean allProjections) {

    /** The dtypes a case can hold its weights in. */
    public static final List<String> DTYPES = List.of("float32", "bfloat16");

    private static final Pattern DECODE = Pattern.compile("decode-b(\\d+)(?:-p(\\d+))?(?:-n(\\d+))?");
    private static final Pattern TRAIN = Pattern.compile("train-b(\\d+)x(\\d+)(?:-r(\\d+))?(-all)?(?:-s(\\d+))?");

    public BenchCase {
        if (!DTYPES.contains(dtype)) {
            throw new BadInputException("--dtype: " + dtype + " is not one of " + String.join(", ", DTYPES));
        }
    }

    public static BenchCase decode(int batch, int prompt, int newTokens, String dtype) {
        return new BenchCase("decode b" + batch + (prompt == 64 && newTokens == 64 ? "" : " p" + prompt + " n" + newTokens)
                + " " + shortName(dtype), "decode", batch, prompt, newTokens, 0, 0, 0, dtype, false);
    }

    public static BenchCase train(int batch, int seq, int steps, int rank, boolean allProjections, String dtype) {
        return new BenchCase("LoRA train b" + batch + "x" + seq + (rank == 8 ? "" : " r" + rank)
                + (allProjections ? " all" : "") + " " + shortName(dtype),
                "train", batch, 0, 0, seq, steps, rank, dtype, allProjections);
    }

    /** The cases of {@code kubetune bench}: decode at batch 1 and 8 (prompt 64, 64 new), LoRA r8 on 4 × 128 tokens. */
    public static List<String> standardSpecs() {
        return List.of("decode-b1", "decode-b8", "train-b4x128");
    }

    /**
     * A case from its command-line form: {@code decode-bB[-pP][-nN]} (prompt P, default 64; N new tokens,
     * default 64) or {@code train-bBxS[-rR][-all][-sN]} (rank R on q_proj and v_proj, default 8, or on
     * every projection with {@code -all}; N measured steps, default 5). Anything else is bad input.
     */
    public static BenchCase parse(String spec, String dtype) {
        Matcher d = DECODE.matcher(spec);
        if (d.matches()) {
            return decode(positive(d.group(1), 1), positive(d.group(2), 64), positive(d.group(3), 64), dtype);
        }
        Matcher t = TRAIN.matcher(spec);
        if (t.matches()) {
            return train(positive(t.group(1), 1), positive(t.group(2), 128), positive(t.group(5), 5),
                    positive(t.group(3), 8), t.group(4) != null, dtype);
        }
        throw new BadInputException("--cases: '" + spec + "' is not a case (decode-bB[-pP][-nN] or train-bBxS[-rR][-all][-sN],"
                + " for example decode-b8 or train-b1x256-r16-all)");
    }

    /** Every case spec in every dtype, the dtypes of one spec side by side. */
    public static List<BenchCase> of(List<String> specs, List<String> dtypes) {
        List<BenchCase> cases = new ArrayList<>();
        for (String spec : specs) {
            for (String dtype : dtypes) {
                cases.add(parse(spec.trim(), dtype.trim()));
            }
        }
        return cases;
    }

    public boolean decoding() {
        return mode.equals("decode");
    }

    /** MODE and its options, as torch_reference.py and {@link RunnerCase} take them (after the model folder). */
    public List<String> arguments(int threads, int warmup) {
        List<String> args = new ArrayList<>(List.of(mode, "--batch", String.valueOf(batch)));
        if (decoding()) {
            args.addAll(List.of("--prompt", String.valueOf(prompt), "--new", String.valueOf(newTokens)));
        } else {
            args.addAll(List.of("--seq", String.valueOf(seq), "--steps", String.valueOf(steps), "--rank", String.valueOf(rank),
                    "--targets", allProjections ? "all" : "qv"));
        }
        args.addAll(List.of("--dtype", dtype, "--warmup", String.valueOf(warmup), "--threads", String.valueOf(threads)));
        return args;
    }

    private static String shortName(String dtype) {
        return dtype.equals("bfloat16") ? "bf16" : "f32";
    }

    private static int positive(String digits, int otherwise) {
        if (digits == null) {
            return otherwise;
        }
        int v;
        try {
            v = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            v = 0;
        }
        if (v < 1) {
            throw new BadInputException("--cases: " + digits + " must be a number from 1 up");
        }
        return v;
    }
}
