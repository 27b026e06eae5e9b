package dev.kubetune.operator.harvest;

import dev.kubetune.api.status.UnitPhase;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Kubernetes Events on a resource when one of its units starts, succeeds or fails. */
public final class UnitEvents {

    public static final String UNIT_STARTED = "UnitStarted";
    public static final String UNIT_SUCCEEDED = "UnitSucceeded";
    public static final String UNIT_FAILED = "UnitFailed";
    private static final Logger LOG = Logger.getLogger(UnitEvents.class.getName());

    private final KubernetesClient client;

    public UnitEvents(KubernetesClient client) {
        this.client = client;
    }

    /** One Event per transition; an Event that cannot be written is logged, never fatal. */
    public void emit(HasMetadata resource, String unitPrefix, List<UnitTransitions.Transition> transitions) {
        for (UnitTransitions.Transition t : transitions) {
            String unit = unitPrefix + "-" + t.unit().getIndex();
            String reason = switch (t.to()) {
                case Running -> UNIT_STARTED;
                case Succeeded -> UNIT_SUCCEEDED;
                default -> UNIT_FAILED;
            };
            String message = switch (t.to()) {
                case Running -> unit + " started (Job " + t.unit().getJob() + ")";
                case Succeeded -> unit + " succeeded";
                default -> unit + " failed: " + t.unit().getFailureReason()
                        + (t.unit().getMessage() == null ? "" : ": " + t.unit().getMessage());
            };
            emit(resource, t.to() == UnitPhase.Failed ? "Warning" : "Normal", reason, message);
        }
    }

    void emit(HasMetadata resource, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String namespace = resource.getMetadata().getNamespace();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata()
                        .withName(resource.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                        .withNamespace(namespace)
                    .endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(resource.getApiVersion())
                            .withKind(resource.getKind())
                            .withName(resource.getMetadata().getName())
                            .withNamespace(namespace)
                            .withUid(resource.getMetadata().getUid())
                            .build())
                    .withType(type)
                    .withReason(reason)
                    .withMessage(message.length() > 1024 ? message.substring(0, 1023) + "…" : message)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withCount(1)
                    .withNewSource().withComponent("kubetune-operator").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.log(Level.WARNING, "could not record event " + reason.toLowerCase(Locale.ROOT) + " on "
                    + resource.getMetadata().getName() + ": " + e.getMessage());
        }
    }
}
