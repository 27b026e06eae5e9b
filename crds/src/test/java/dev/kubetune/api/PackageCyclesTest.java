package dev.kubetune.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No import cycles between kubetune's packages, in any module's main code: a package that uses another
 * (an import, or a fully qualified name in code) must not be used back, directly or through others.
 */
class PackageCyclesTest {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    /** A kubetune class named in code: its package is the part before the first capitalised word. */
    private static final Pattern USE = Pattern.compile("\\b(dev\\.kubetune(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    @Test
    void noPackageCycles() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> modules;
        try (Stream<Path> top = Files.list(DocsTest.ROOT)) {
            modules = top.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList();
        }
        assertThat(modules).extracting(m -> m.getFileName().toString()).contains("crds", "runner", "operator");
        for (Path module : modules) {
            try (Stream<Path> all = Files.walk(module.resolve("src/main/java"))) {
                for (Path file : all.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(file);
                    Matcher pkg = PACKAGE.matcher(code);
                    if (!pkg.find()) {
                        continue;
                    }
                    Set<String> used = uses.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                    Matcher m = USE.matcher(code);
                    while (m.find()) {
                        if (!m.group(1).equals(pkg.group(1))) {
                            used.add(m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(uses).containsKeys("dev.kubetune.runner.local", "dev.kubetune.runner.cli", "dev.kubetune.runner.unit");
        assertThat(cycles(uses)).as("packages that use each other (directly or through others)").isEmpty();
    }

    @Test
    void findsACycleThroughAThirdPackage() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(uses)).containsExactly(List.of("a", "b", "c"));
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }

    /** The strongly connected groups of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> found = new ArrayList<>();
        for (String p : new TreeSet<>(uses.keySet())) {
            if (!index.containsKey(p)) {
                connect(p, uses, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> uses, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, List<List<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : uses.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, uses, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            TreeSet<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                found.add(new ArrayList<>(group));
            }
        }
    }
}
