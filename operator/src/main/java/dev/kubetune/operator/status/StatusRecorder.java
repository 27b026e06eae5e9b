package dev.kubetune.operator.status;

import dev.kubetune.api.status.ConditionReason;
import dev.kubetune.api.status.ConditionType;
import dev.kubetune.api.status.Conditions;
import dev.kubetune.api.status.ExperimentStatus;
import dev.kubetune.api.status.UnitStatus;
import dev.kubetune.operator.StatusJson;
import dev.kubetune.operator.harvest.UnitObservation;
import dev.kubetune.operator.harvest.UnitReport;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The record step both reconcilers share: the new status is computed on a fresh object (name, namespace,
 * generation and resourceVersion of the one reconciled, its spec, a copy of its status with the new unit
 * entries) by the kind's shared status logic; a Job the API server refused shows as Progressing=False
 * with reason FailedCreate and the server's message; units that moved are reported (Events, metrics);
 * the status is patched only when it changed. The resourceVersion makes the patch optimistic: a status
 * computed from a spec that changed meanwhile is refused (409) and the reconciliation runs again, so
 * observedGeneration never runs ahead of the spec.
 *
 * @param <R> the resource
 * @param <S> its status
 */
public final class StatusRecorder<R extends CustomResource<?, S>, S extends ExperimentStatus> {

    private final Supplier<R> blank;
    private final Class<S> statusType;
    private final Function<S, List<? extends UnitStatus>> units;
    private final UnitReport report;

    /**
     * @param blank      makes an empty resource of the kind
     * @param statusType the status class (for the copy)
     * @param units      the unit entries of a status (folds, shards)
     * @param report     Events and metrics for units that moved
     */
    public StatusRecorder(Supplier<R> blank, Class<S> statusType, Function<S, List<? extends UnitStatus>> units,
                          UnitReport report) {
        this.blank = blank;
        this.statusType = statusType;
        this.units = units;
        this.report = report;
    }

    /**
     * The status update for {@code current}.
     *
     * @param entries      sets the new unit entries (and any other observed fields) on the status copy
     * @param logic        the kind's status logic, run on the fresh resource
     * @param observed     the observations the unit entries came from (harvest lag)
     * @param createFailure the API server's message when it refused a Job, else null
     */
    public UpdateControl<R> record(R current, Consumer<S> entries, Consumer<R> logic, List<UnitObservation> observed,
                                   String createFailure, Instant now) {
        R fresh = blank.get();
        fresh.setMetadata(new ObjectMetaBuilder()
                .withName(current.getMetadata().getName())
                .withNamespace(current.getMetadata().getNamespace())
                .withGeneration(current.getMetadata().getGeneration())
                .withResourceVersion(current.getMetadata().getResourceVersion())
                .build());
        setSpec(fresh, current);
        S status = StatusJson.copy(current.getStatus(), statusType);
        Condition progressingBefore = Conditions.find(status.getConditions(), ConditionType.PROGRESSING)
                .map(c -> StatusJson.copy(c, Condition.class)).orElse(null);
        entries.accept(status);
        fresh.setStatus(status);
        logic.accept(fresh);
        if (createFailure != null) {
            refused(status, progressingBefore, createFailure, current.getMetadata().getGeneration(), now);
        }
        report.report(current, current.getStatus() == null ? List.of() : units.apply(current.getStatus()),
                units.apply(status), observed, now);
        if (StatusJson.same(status, current.getStatus())) {
            return UpdateControl.noUpdate();
        }
        fresh.setSpec(null);
        return UpdateControl.patchStatus(fresh);
    }

    /**
     * Progressing=False, FailedCreate, with the server's message; its lastTransitionTime moves only when
     * the condition as it was before this reconciliation had another status.
     */
    static void refused(ExperimentStatus status, Condition before, String message, Long generation, Instant now) {
        List<Condition> conditions = status.getConditions();
        conditions.removeIf(c -> ConditionType.PROGRESSING.equals(c.getType()));
        if (before != null) {
            conditions.add(before);
        }
        Conditions.set(conditions, ConditionType.PROGRESSING, false, ConditionReason.FAILED_CREATE, message,
                generation, now);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setSpec(CustomResource fresh, CustomResource current) {
        // the status logic reads the spec (k, shards, suspend, main metric); it is not sent
        fresh.setSpec(current.getSpec());
    }
}
