package dev.kubetune.api.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Conditions kept the Kubernetes way: a list keyed by type, each with observedGeneration, and a
 * lastTransitionTime that moves only when the condition's status changes.
 */
public final class Conditions {

    private Conditions() {
    }

    /** Sets condition {@code type}; returns whether anything changed. */
    public static boolean set(List<Condition> conditions, String type, boolean status, String reason, String message,
                              Long generation, Instant now) {
        String statusText = status ? "True" : "False";
        Optional<Condition> existing = find(conditions, type);
        if (existing.isEmpty()) {
            Condition c = new Condition();
            c.setType(type);
            c.setStatus(statusText);
            c.setReason(reason);
            c.setMessage(message);
            c.setObservedGeneration(generation);
            c.setLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
            conditions.add(c);
            return true;
        }
        Condition c = existing.get();
        boolean changed = false;
        if (!statusText.equals(c.getStatus())) {
            c.setStatus(statusText);
            c.setLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
            changed = true;
        }
        if (!java.util.Objects.equals(reason, c.getReason())) {
            c.setReason(reason);
            changed = true;
        }
        if (!java.util.Objects.equals(message, c.getMessage())) {
            c.setMessage(message);
            changed = true;
        }
        if (!java.util.Objects.equals(generation, c.getObservedGeneration())) {
            c.setObservedGeneration(generation);
            changed = true;
        }
        return changed;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether condition {@code type} is present and True. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}
