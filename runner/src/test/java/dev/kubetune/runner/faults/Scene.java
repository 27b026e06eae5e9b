package dev.kubetune.runner.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubetune.runner.cli.KubetuneCommand;
import dev.kubetune.runner.output.Temporaries;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A user's folder to break things in: the tiny Llama ({@code model/}, its adapter in {@code adapter/}),
 * six labelled rows ({@code data.jsonl}), a FoldTraining manifest ({@code ft.yaml}) and an empty
 * {@code out/} for what commands write. Helpers damage one thing each, as a user (or a disk) would.
 */
final class Scene {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String MANIFEST = """
            apiVersion: kubetune.dev/v1alpha1
            kind: FoldTraining
            metadata: {name: notes, namespace: lab}
            spec:
              model: {volume: models, path: model}
              dataset: {volume: data, path: data.jsonl, labelField: label}
              prompt: {template: "Classify the note.\\n{{ text }}"}
              folds: {k: 2, seed: 7, stratify: false}
              training: {epochs: 1, learningRate: 0.001, batchSize: 4, seed: 7}
              evaluation: {maxNewTokens: 1}
              volumes:
                - {name: models, persistentVolumeClaim: {claimName: models}}
                - {name: data, persistentVolumeClaim: {claimName: data}}
                - {name: artifacts, persistentVolumeClaim: {claimName: artifacts}}
            """;

    /** What a command did: exit code, standard output and standard error. */
    record Outcome(int code, String out, String err) {

        /** The non-blank lines of standard error. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    final Path dir;

    Scene(Path dir) throws IOException {
        this.dir = dir;
        copyFolder(FIXTURES.resolve("tiny-llama"), dir.resolve("model"));
        Files.move(dir.resolve("model/adapter"), dir.resolve("adapter"));
        Files.write(dir.resolve("data.jsonl"), Files.readAllLines(FIXTURES.resolve("clinical-notes.jsonl")).subList(0, 6));
        Files.writeString(dir.resolve("ft.yaml"), MANIFEST);
        Files.createDirectories(dir.resolve("out"));
    }

    Path path(String relative) {
        return dir.resolve(relative);
    }

    /** {@code kubetune ARGS} in this JVM, {@code {dir}} in an argument replaced by the scene's folder. */
    Outcome kubetune(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = KubetuneCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(Arrays.stream(args).map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** {@code kubetune infer} on the scene's model and data, writing into {@code out/}, plus {@code extra}. */
    Outcome infer(String... extra) {
        List<String> args = new ArrayList<>(List.of("infer", "--model", "{dir}/model", "--data", "{dir}/data.jsonl",
                "--label-field", "label", "--max-new-tokens", "1", "-o", "{dir}/out/predictions.jsonl"));
        args.addAll(List.of(extra));
        return kubetune(args.toArray(String[]::new));
    }

    void replaceIn(String file, String from, String to) throws IOException {
        String text = Files.readString(path(file));
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " lacks " + from);
        }
        Files.writeString(path(file), text.replace(from, to));
    }

    void appendLine(String file, byte[] line) throws IOException {
        byte[] old = Files.readAllBytes(path(file));
        byte[] all = Arrays.copyOf(old, old.length + line.length + 1);
        System.arraycopy(line, 0, all, old.length, line.length);
        all[all.length - 1] = '\n';
        Files.write(path(file), all);
    }

    /** Rewrites a safetensors file's header (the data bytes stay as they are). */
    void editHeader(String file, UnaryOperator<ObjectNode> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(path(file));
        long length = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(new String(bytes, 8, (int) length, StandardCharsets.UTF_8));
        byte[] json = JSON.writeValueAsBytes(edit.apply(header));
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - (int) length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(bytes, 8 + (int) length, bytes.length - 8 - (int) length);
        Files.write(path(file), out.array());
    }

    /** Sets the first element of an F32 tensor to {@code value} (NaN, an infinity). */
    void poison(String file, String tensor, float value) throws IOException {
        byte[] bytes = Files.readAllBytes(path(file));
        long length = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(new String(bytes, 8, (int) length, StandardCharsets.UTF_8));
        int at = 8 + (int) length + header.get(tensor).get("data_offsets").get(0).asInt();
        ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        Files.write(path(file), bytes);
    }

    /** Every file under the scene's {@code out/} (none, when a command left nothing behind). */
    List<Path> written() throws IOException {
        try (Stream<Path> files = Files.walk(path("out"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Every temporary ({@code .x123456.tmp}, {@code .adapter.123456}, {@code .report-123456}) left anywhere in the scene. */
    List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Temporaries.isTemporary(p.getFileName().toString())).toList();
        }
    }

    static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
