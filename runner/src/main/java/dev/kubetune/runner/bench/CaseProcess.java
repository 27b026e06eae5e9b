package dev.kubetune.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one case in a child process, the runner's ({@link RunnerCase}) or torch_reference.py under a
 * wrapper that adds the Python process's peak RSS, and reads the JSON lines it prints.
 */
final class CaseProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Prints the Python process's peak RSS in KiB: VmHWM, the high-water mark of its own memory map.
     * Not ru_maxrss: Linux carries the spawning process's high-water mark into an exec'd child's
     * ru_maxrss (the JVM that runs this benchmark holds the bandwidth test's arrays), so every
     * reference figure would read at least the harness's size. ru_maxrss only where /proc is absent.
     */
    private static final String PRINT_PEAK = "def _peak_kb():\n"
            + "    try:\n"
            + "        for line in open('/proc/self/status'):\n"
            + "            if line.startswith('VmHWM:'):\n"
            + "                return int(line.split()[1])\n"
            + "    except OSError:\n"
            + "        pass\n"
            + "    import resource\n"
            + "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            + "print(json.dumps({'peak_rss_kb': _peak_kb()}))\n";
    /** Runs the reference script as __main__, then prints its peak RSS. */
    private static final String PEAK_WRAPPER = "import json,runpy,sys\n"
            + "sys.argv = sys.argv[1:]\n"
            + "runpy.run_path(sys.argv[0], run_name='__main__')\n"
            + PRINT_PEAK;

    private CaseProcess() {
    }

    /** The runner's case; also returns the bytes of the weights as held that it reported. */
    static JsonNode runner(Path model, BenchCase c, int threads, int warmup) throws IOException, InterruptedException {
        return lines(RunnerCase.command(model, c, threads, warmup)).get(0);
    }

    /** Peak RSS of the runner's JVM with the PyTorch engine started and no model. */
    static long runnerBaseline() throws IOException, InterruptedException {
        return lines(RunnerCase.baselineCommand()).get(0).get("peak_rss_bytes").asLong();
    }

    /** Peak RSS of Python with torch imported and one small operation run, no model. */
    static long referenceBaseline(String python) throws IOException, InterruptedException {
        String script = "import json,torch\n"
                + "(torch.ones(64, 64) @ torch.ones(64, 64)).sum().item()\n"
                + PRINT_PEAK;
        return lines(List.of(python, "-c", script)).get(0).get("peak_rss_kb").asLong() * 1024;
    }

    static CaseResult reference(String python, Path script, Path model, BenchCase c, int threads, int warmup)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, "-c", PEAK_WRAPPER, script.toString(), model.toString()));
        cmd.addAll(c.arguments(threads, warmup));
        List<JsonNode> out = lines(cmd);
        return CaseResult.fromJson(out.get(0), out.get(out.size() - 1).get("peak_rss_kb").asLong() * 1024);
    }

    private static List<JsonNode> lines(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putIfAbsent("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        // stderr is small (log lines); read it after stdout
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        List<JsonNode> json = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                json.add(JSON.readTree(line));
            }
        }
        if (code != 0 || json.isEmpty()) {
            String tail = err.length() > 2000 ? err.substring(err.length() - 2000) : err;
            throw new IOException("bench case failed (exit " + code + "): " + String.join(" ", command.subList(0, 1))
                    + " …\n" + out + tail);
        }
        return json;
    }
}
