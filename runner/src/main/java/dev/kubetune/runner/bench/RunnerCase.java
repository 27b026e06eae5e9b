package dev.kubetune.runner.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubetune.runner.metrics.PeakMemory;
import dev.kubetune.runner.model.ComputePlacement;
import dev.kubetune.runner.model.LanguageModel;
import dev.kubetune.runner.process.JvmOptions;
import dev.kubetune.runner.torch.DtypeGuard;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One runner case in a process of its own, so its peak RSS is the case's alone:
 * {@code RunnerCase MODEL decode|train [--batch N] [--prompt N] [--new N] [--seq N] [--steps N] [--rank N]
 * [--targets qv|all] [--dtype float32|bfloat16] [--warmup N] [--threads N]}. Prints one JSON line like
 * torch_reference.py's, plus peak_rss_bytes and weight_bytes (the bytes of the weights as held).
 */
public final class RunnerCase {

    private RunnerCase() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new LinkedHashMap<>(Map.of("batch", 1, "prompt", 64, "new", 64, "seq", 128,
                "steps", 5, "rank", 8, "warmup", 1, "threads", Runtime.getRuntime().availableProcessors()));
        Map<String, String> words = new LinkedHashMap<>(Map.of("dtype", "float32", "targets", "qv"));
        for (int i = 2; i + 1 < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (words.containsKey(key)) {
                words.put(key, args[i + 1]);
            } else {
                options.put(key, Integer.parseInt(args[i + 1]));
            }
        }
        // read by the PyTorch engine when it starts, which is below
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(options.get("threads")));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        String mode = args[1];
        if (mode.equals("baseline")) {
            engineAlone();
            return;
        }
        BenchCase c = new BenchCase(mode, mode, options.get("batch"), options.get("prompt"), options.get("new"),
                options.get("seq"), options.get("steps"), options.get("rank"), words.get("dtype"),
                words.get("targets").equals("all"));
        Map<String, Object> line = new LinkedHashMap<>();
        DataType type = c.dtype().equals("bfloat16") ? DataType.BFLOAT16 : DataType.FLOAT32;
        try (LanguageModel model = LanguageModel.load(Path.of(args[0]), new ComputePlacement(Device.cpu(), type))) {
            CaseResult r = c.decoding() ? DecodeRun.run(model, c, options.get("warmup"))
                    : TrainRun.run(model, c, options.get("warmup"));
            line.put("mode", mode);
            line.put("batch", c.batch());
            line.put("dtype", c.dtype());
            if (r.prefillTokensPerSecond() != null) {
                line.put("prefill_tokens_per_s", round(r.prefillTokensPerSecond()));
            }
            line.put("tokens_per_s", round(r.tokensPerSecond()));
            line.put("weight_bytes", weightBytes(model.decoder().weights().tensors().values()));
        }
        line.put("threads", options.get("threads"));
        line.put("peak_rss_bytes", PeakMemory.measure().rssBytes());
        System.out.println(new ObjectMapper().writeValueAsString(line));
    }

    /** The PyTorch engine started and one small operation run, no model: the runtime's own peak RSS. */
    private static void engineAlone() throws Exception {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            ai.djl.ndarray.NDArray square = manager.arange(4096f).reshape(64, 64);
            square.matMul(square).toFloatArray();
        }
        System.out.println(new ObjectMapper().writeValueAsString(Map.of("mode", "baseline", "tokens_per_s", 0,
                "weight_bytes", 0, "peak_rss_bytes", PeakMemory.measure().rssBytes())));
    }

    static long weightBytes(java.util.Collection<NDArray> tensors) {
        return tensors.stream().mapToLong(t -> (long) DtypeGuard.dtype(t).getNumOfBytes() * t.size()).sum();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static List<String> command(Path model, BenchCase c, int threads, int warmup) {
        List<String> cmd = javaCommand(model.toString());
        cmd.addAll(c.arguments(threads, warmup));
        return cmd;
    }

    /** The command that prints the engine's own peak RSS ({@code baseline} mode). */
    static List<String> baselineCommand() {
        List<String> cmd = javaCommand("-");
        cmd.add("baseline");
        return cmd;
    }

    private static List<String> javaCommand(String model) {
        // the JVM options kubetune runs with (./kubetune's: small initial heap, no cap on tensor memory)
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBinary()));
        cmd.addAll(JvmOptions.inherited(null));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RunnerCase.class.getName(), model));
        return cmd;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
