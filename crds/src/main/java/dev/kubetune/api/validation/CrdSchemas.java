package dev.kubetune.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubetune.api.Kubetune;
import dev.kubetune.api.foldtraining.FoldTraining;
import dev.kubetune.api.inferencerun.InferenceRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The CRDs generated from the API classes at build time (fabric8's crd-generator writes them into
 * this module's jar under {@code META-INF/fabric8/}), so validation uses exactly the schema that the
 * API server enforces.
 */
public final class CrdSchemas {

    /** Kind → plural, for the CRD file names. */
    public static final Map<String, String> PLURALS = Map.of(
            FoldTraining.KIND, "foldtrainings",
            InferenceRun.KIND, "inferenceruns");

    private static final Map<String, JsonNode> CRDS = Map.of(
            FoldTraining.KIND, load(PLURALS.get(FoldTraining.KIND)),
            InferenceRun.KIND, load(PLURALS.get(InferenceRun.KIND)));

    private CrdSchemas() {
    }

    /** The class-path resource name of a CRD: {@code META-INF/fabric8/foldtrainings.kubetune.dev-v1.yml}. */
    public static String resourceName(String plural) {
        return "META-INF/fabric8/" + plural + "." + Kubetune.GROUP + "-v1.yml";
    }

    /** The whole CustomResourceDefinition of a kind. */
    public static JsonNode crd(String kind) {
        JsonNode crd = CRDS.get(kind);
        if (crd == null) {
            throw new IllegalArgumentException("no CRD for kind " + kind);
        }
        return crd;
    }

    /** The schema of a kind's {@code spec}. */
    static StructuralSchema specSchema(String kind) {
        return new StructuralSchema(crd(kind).path("spec").path("versions").get(0).path("schema")
                .path("openAPIV3Schema").path("properties").path("spec"));
    }

    private static JsonNode load(String plural) {
        String name = resourceName(plural);
        try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path: build the crds module");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
