package dev.kubetune.api;

/** Names that make up the kubetune API: group, version, labels and condition vocabulary. */
public final class Kubetune {

    public static final String GROUP = "kubetune.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String CATEGORY = "kubetune";

    /** Label on every child object: the owning resource's name. */
    public static final String LABEL_NAME = GROUP + "/name";
    /** Label on every Job: the work unit it runs (fold-3, shard-0; "shards" for an Indexed Job). */
    public static final String LABEL_UNIT = GROUP + "/unit";
    /** Label on every child object: the owning resource's kind. */
    public static final String LABEL_KIND = GROUP + "/kind";

    private Kubetune() {
    }
}
