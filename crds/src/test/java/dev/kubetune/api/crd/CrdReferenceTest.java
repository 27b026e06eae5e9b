package dev.kubetune.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/crd-reference.md is generated from the CRDs; this fails while the checked-in file is stale. */
class CrdReferenceTest {

    static final Path DOC = Path.of("..", "docs", "crd-reference.md");

    @Test
    void checkedInReferenceIsWhatTheCrdsSay() throws IOException {
        String generated = CrdReference.markdown();
        if (Boolean.getBoolean("kubetune.update-docs")) {
            Files.writeString(DOC, generated);
        }

        assertThat(DOC).as("%s is missing: run ./mvnw -pl crds test -Dtest=CrdReferenceTest -Dkubetune.update-docs=true", DOC)
                .exists();
        assertThat(Files.readString(DOC))
                .as("%s is stale: run ./mvnw -pl crds test -Dtest=CrdReferenceTest -Dkubetune.update-docs=true", DOC)
                .isEqualTo(generated);
    }

    @Test
    void everyFieldOfBothKindsIsListed() {
        String doc = CrdReference.markdown();

        assertThat(doc).contains(
                "| `spec.folds.k` | integer | `5` |",
                "| `spec.adapter.fromFoldTraining.fold` | int or string |",
                "| `spec.volumes` | [[]Volume]",
                "| `status.folds[].adapter.path` | string |",
                "| `status.conditions[].reason` | string |",
                "## FoldTraining", "## InferenceRun");
        assertThat(doc).doesNotContain("awsElasticBlockStore");
    }
}
