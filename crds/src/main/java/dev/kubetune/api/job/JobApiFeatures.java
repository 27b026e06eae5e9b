package dev.kubetune.api.job;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which batch/v1 Job fields kubetune relies on the API server knows. A server that predates a field
 * drops it without an error (Kubernetes 1.20 knows none of the three), so a Job built with it would
 * run differently than asked; the operator reads the server's version when it starts and builds Jobs
 * that mean the same on that server: one Job per shard instead of an Indexed Job, the bad-input exit
 * handled by the operator instead of {@code podFailurePolicy}, no suspended Jobs (so no Kueue admission).
 * The thresholds are the releases where each feature is on by default (beta).
 *
 * @param indexedJobs      {@code spec.completionMode: Indexed} (Kubernetes 1.22+)
 * @param jobSuspend       {@code spec.suspend} (1.22+): suspended resources and Kueue admission
 * @param podFailurePolicy {@code spec.podFailurePolicy} (1.26+): exit 65 fails the Job without retries
 */
public record JobApiFeatures(boolean indexedJobs, boolean jobSuspend, boolean podFailurePolicy) {

    /** A server with all three (Kubernetes 1.26 and later): the default. */
    public static final JobApiFeatures ALL = new JobApiFeatures(true, true, true);

    private static final Pattern NUMBER = Pattern.compile("^(\\d+)");

    /**
     * The features of a server reporting {@code major}.{@code minor} in its /version ({@code minor} may
     * carry a suffix, as in {@code 20+}); a version that does not parse counts as current.
     */
    public static JobApiFeatures of(String major, String minor) {
        Integer ma = leadingNumber(major);
        Integer mi = leadingNumber(minor);
        if (ma == null || mi == null || ma != 1) {
            return ALL;
        }
        return new JobApiFeatures(mi >= 22, mi >= 22, mi >= 26);
    }

    /** What this server lacks and what kubetune does instead, one clause each; empty when nothing. */
    public List<String> fallbacks() {
        List<String> out = new ArrayList<>();
        if (!indexedJobs) {
            out.add("no Indexed Jobs: one Job per shard");
        }
        if (!jobSuspend) {
            out.add("no Job suspend: Kueue queues are not used and suspended resources create no Jobs");
        }
        if (!podFailurePolicy) {
            out.add("no podFailurePolicy: a bad-input exit (65) is failed by the operator, not retried");
        }
        return out;
    }

    private static Integer leadingNumber(String text) {
        Matcher m = NUMBER.matcher(text == null ? "" : text.strip());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
