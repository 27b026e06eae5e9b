package dev.kubetune.api.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-only kustomize subset behaves like kustomize on what the suites use. */
class KustomizeBuildTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void mergePatchMergesMapsReplacesListsAndRemovesNulls() throws IOException {
        ObjectNode target = (ObjectNode) YAML.readTree("spec: {a: 1, b: {c: 2, d: 3}, list: [1, 2], gone: x}");

        KustomizeBuild.mergePatch(target, YAML.readTree("spec: {b: {c: 9}, list: [3], gone: null}"));

        assertThat(target.toString()).isEqualTo("{\"spec\":{\"a\":1,\"b\":{\"c\":9,\"d\":3},\"list\":[3]}}");
    }

    @Test
    void jsonPatchAddsReplacesAndRemoves() throws IOException {
        ObjectNode doc = (ObjectNode) YAML.readTree("spec: {shards: 2, stop: [a], x: 1}");

        for (var op : YAML.readTree("""
                - {op: replace, path: /spec/shards, value: 4}
                - {op: add, path: /spec/stop/-, value: b}
                - {op: remove, path: /spec/x}
                - {op: test, path: /spec/shards, value: 4}
                """)) {
            KustomizeBuild.JsonPatch.apply(doc, op);
        }

        assertThat(doc.toString()).isEqualTo("{\"spec\":{\"shards\":4,\"stop\":[\"a\",\"b\"]}}");
        assertThatThrownBy(() -> KustomizeBuild.JsonPatch.apply(doc, YAML.readTree("{op: replace, path: /spec/nope, value: 1}")))
                .hasMessageContaining("/spec/nope");
    }

    @Test
    void overlayPatchesByTargetThenSetsNamespaceAndLabels(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/kustomization.yaml"), "resources: [r.yaml]\n");
        Files.writeString(dir.resolve("base/r.yaml"), """
                apiVersion: kubetune.dev/v1alpha1
                kind: InferenceRun
                metadata: {name: one-best, labels: {arm: a}}
                spec: {shards: 1}
                ---
                apiVersion: kubetune.dev/v1alpha1
                kind: InferenceRun
                metadata: {name: two}
                spec: {shards: 1}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [base]
                namespace: ns
                namePrefix: p-
                commonLabels: {suite: s}
                patches:
                  - target: {kind: InferenceRun, name: ".*-best"}
                    patch: '[{op: replace, path: /spec/shards, value: 3}]'
                  - target: {labelSelector: arm=a}
                    patch: '{spec: {extra: true}}'
                """);

        List<ObjectNode> built = KustomizeBuild.build(dir);

        assertThat(built).extracting(o -> o.at("/metadata/name").asText() + " " + o.at("/metadata/namespace").asText()
                        + " " + o.at("/metadata/labels/suite").asText() + " " + o.at("/spec/shards").asInt())
                .containsExactly("p-one-best ns s 3", "p-two ns s 1");
        assertThat(built.get(0).at("/spec/extra").asBoolean()).isTrue();
    }

    @Test
    void unsupportedFieldsAndPatchesThatSelectNothingFail(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nimages: [{name: x}]\n");
        assertThatThrownBy(() -> KustomizeBuild.build(dir)).hasMessageContaining("'images' is not supported");

        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\npatches: [{target: {kind: X}, patch: '{a: 1}'}]\n");
        assertThatThrownBy(() -> KustomizeBuild.build(dir)).hasMessageContaining("selects no resource");
    }
}
