package dev.kubetune.api.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of child objects, and label values, kept within Kubernetes' 63-character limit: a name that
 * fits is used as it is; a longer one is cut and followed by {@code -} and the first 8 hex digits of
 * the SHA-256 of the whole name, so it stays deterministic, distinct and never ends in '-' or '.'.
 */
public final class KubeNames {

    /** The most characters of a DNS label, a label value, and so of a Job name. */
    public static final int MAX_LENGTH = 63;
    private static final int HASH_LENGTH = 8;

    private KubeNames() {
    }

    /** {@code full} when it is at most 63 characters; otherwise a cut of it plus a short stable hash. */
    public static String safe(String full) {
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        String head = full.substring(0, MAX_LENGTH - HASH_LENGTH - 1);
        int end = head.length();
        while (end > 0 && !Character.isLetterOrDigit(head.charAt(end - 1))) {
            end--;
        }
        return head.substring(0, end) + "-" + sha256Hex(full).substring(0, HASH_LENGTH);
    }

    /** The ConfigMap holding a resource's task: {@code <name>-task}. */
    public static String configMap(String resourceName) {
        return safe(resourceName + "-task");
    }

    /** The Job of a unit: {@code <name>-fold-3}, or {@code <name>-shards} for an InferenceRun's Indexed Job. */
    public static String job(String resourceName, String unitLabel) {
        return safe(resourceName + "-" + unitLabel);
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
