package dev.kubetune.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubetune.api.status.ConditionReason;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The docs keep up with the code: every condition reason is explained, every README link resolves. */
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
}
