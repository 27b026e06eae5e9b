package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.bench.BenchCase;
import dev.kubetune.runner.bench.BenchReport;
import dev.kubetune.runner.bench.BenchService;
import dev.kubetune.runner.bench.BenchTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubetune bench}: the runner's decode and LoRA training throughput and peak memory, next to plain PyTorch. */
@Command(name = "bench",
        description = "Benchmark the runner on a model folder: decode at batch 1 and 8 (prompt 64, 64 new tokens; "
                + "prefill and decode tokens/s), LoRA training (rank 8 on q,v; batch 4 × 128 tokens), peak RSS, "
                + "in float32 and/or bfloat16, each case in its own process, next to torch_reference.py when given. "
                + "See docs/benchmarks.md.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face model folder.")
    Path model;

    @Option(names = "--threads", paramLabel = "N", description = "Compute threads for both (default: the CPU count).")
    Integer threads;

    @Option(names = "--reference", paramLabel = "PATH", description = "torch_reference.py, run for every case after the runner.")
    Path reference;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "PATH",
            description = "Python with torch for the reference (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Runs per case; medians are shown (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--dtype", split = ",", defaultValue = "float32", paramLabel = "TYPE",
            description = "float32 and/or bfloat16: the weights' dtype in both, each case run in each (default: ${DEFAULT-VALUE}).")
    List<String> dtypes;

    @Option(names = "--cases", split = ",", paramLabel = "CASE",
            description = "decode-bB[-pP][-nN] and train-bBxS[-rR][-all][-sN] (default: decode-b1,decode-b8,train-b4x128).")
    List<String> cases;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "Untimed runs (decode) or steps (train) before the measured ones (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(model)) {
            throw new BadInputException(model + ": model folder not found");
        }
        if (reference != null && !Files.isRegularFile(reference)) {
            throw new BadInputException(reference + ": reference script not found");
        }
        if (repeat < 1 || (threads != null && threads < 1) || warmup < 0) {
            throw new BadInputException("--repeat and --threads must be at least 1, --warmup at least 0");
        }
        List<BenchCase> run = BenchCase.of(cases == null ? BenchCase.standardSpecs() : cases, dtypes);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        var out = spec.commandLine().getOut();
        BenchReport report = BenchService.run(model, n, reference, python, repeat, warmup, run, out);
        BenchTable.print(report, out);
        return ExitCodes.DONE;
    }
}
