package dev.kubetune.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.status.ConditionReason;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs keep up with the code: every condition reason is explained and set somewhere, every README link
 * resolves, every class and file the docs name exists.
 */
class DocsTest {

    static final Path ROOT = Path.of("..");

    @Test
    void troubleshootingExplainsEveryConditionReason() throws IOException, IllegalAccessException {
        String doc = Files.readString(ROOT.resolve("docs/troubleshooting.md"));
        List<String> reasons = new ArrayList<>();
        for (Field f : ConditionReason.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                reasons.add((String) f.get(null));
            }
        }

        assertThat(reasons).isNotEmpty().allSatisfy(r -> assertThat(doc).contains("| `" + r + "` |"));
        assertThat(doc).contains("| `0` |", "| `65` |", "| anything else |");
    }

    @Test
    void everyLocalLinkOfTheReadmeAndDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        Pattern link = Pattern.compile("\\]\\(([\\w./-]+)(#[^)]*)?\\)");
        for (Path page : pages) {
            Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                assertThat(page.getParent().resolve(m.group(1))).as("link %s in %s", m.group(1), page).exists();
            }
        }
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String doc : List.of("architecture", "crd-reference", "operations", "researchers-guide", "troubleshooting")) {
            assertThat(readme).contains("(docs/" + doc + ".md)");
        }
    }

    /** Names in backticks that look like Java classes but are not kubetune's: the JDK's, Kubernetes' and PEFT's words. */
    static final Set<String> NOT_OURS = Set.of("LinkedHashMap", "SplittableRandom", "IfNotPresent", "RuntimeDefault",
            "FallbackToLogsOnError", "PeftModel", "RunnerError", "NaN");

    @Test
    void everyConditionReasonIsSetSomewhere() throws IOException, IllegalAccessException {
        String code = mainSources().filter(p -> !p.endsWith("ConditionReason.java")).map(DocsTest::read)
                .reduce("", String::concat);
        for (Field f : ConditionReason.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                assertThat(code).as("ConditionReason.%s (%s) is used by the code", f.getName(), f.get(null))
                        .contains("ConditionReason." + f.getName());
            }
        }
    }

    @Test
    void everyClassAndFileTheDocsNameExists() throws IOException {
        Set<String> classes = new HashSet<>();
        List<Path> modules;
        try (Stream<Path> top = Files.list(ROOT)) {
            modules = top.filter(m -> Files.isDirectory(m.resolve("src"))).toList();
        }
        for (Path module : modules) {
            try (Stream<Path> all = Files.walk(module.resolve("src"))) {
                all.filter(p -> p.toString().endsWith(".java"))
                        .forEach(p -> classes.add(p.getFileName().toString().replace(".java", "")));
            }
        }
        Pattern code = Pattern.compile("`([^`\\n]+)`");
        Pattern className = Pattern.compile("(?<![-\\w.:+*])([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\\b");
        Pattern file = Pattern.compile("(?<![\\w/.-])((?:ci|bench|config|charts|docs|crds|runner|operator|e2e|\\.ci)/[\\w./-]*\\w)");
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page);
            Matcher quoted = code.matcher(text);
            while (quoted.find()) {
                Matcher m = className.matcher(quoted.group(1));
                while (m.find()) {
                    String name = m.group(1);
                    if (!classes.contains(name) && !NOT_OURS.contains(name) && !isConditionReason(name)) {
                        missing.add(page.getFileName() + ": class " + name);
                    }
                }
                Matcher f = file.matcher(quoted.group(1));
                while (f.find()) {
                    String path = f.group(1).replaceAll("[.]$", "");
                    if (!path.contains("<") && !path.contains("*") && !path.contains("/target")
                            && !Files.exists(ROOT.resolve(path))
                            && !Files.exists(ROOT.resolve(path + ".java"))) {
                        missing.add(page.getFileName() + ": file " + path);
                    }
                }
            }
        }
        assertThat(missing).as("classes and files the docs name that do not exist").isEmpty();
    }

    /** Whether {@code word} is a condition reason or type (a CamelCase word of the API, not a class). */
    private static boolean isConditionReason(String word) {
        List<Field> fields = new ArrayList<>(List.of(ConditionReason.class.getFields()));
        fields.addAll(List.of(dev.kubetune.api.status.ConditionType.class.getFields()));
        for (Field f : fields) {
            try {
                if (word.equals(f.get(null))) {
                    return true;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        return pages;
    }

    private static Stream<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String module : List.of("crds", "runner", "operator")) {
            try (Stream<Path> all = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                all.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        return sources.stream();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
