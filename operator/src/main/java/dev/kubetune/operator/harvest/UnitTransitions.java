package dev.kubetune.operator.harvest;

import dev.kubetune.api.status.UnitPhase;
import dev.kubetune.api.status.UnitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The units whose phase moved between two status snapshots (pure), for Events and metrics. */
public final class UnitTransitions {

    private UnitTransitions() {
    }

    /** A unit that reached {@code phase}. */
    public record Transition(UnitStatus unit, UnitPhase from, UnitPhase to) {
    }

    /** Units of {@code after} whose phase differs from their entry in {@code before} (Running, Succeeded, Failed only). */
    public static List<Transition> between(List<? extends UnitStatus> before, List<? extends UnitStatus> after) {
        Map<Integer, UnitStatus> old = before == null ? Map.of()
                : before.stream().collect(Collectors.toMap(UnitStatus::getIndex, Function.identity(), (a, b) -> a));
        List<Transition> moved = new ArrayList<>();
        for (UnitStatus unit : after) {
            UnitPhase was = old.containsKey(unit.getIndex()) ? old.get(unit.getIndex()).getPhase() : null;
            UnitPhase now = unit.getPhase();
            if (now != was && now != null && now != UnitPhase.Pending) {
                moved.add(new Transition(unit, was, now));
            }
        }
        return moved;
    }
}
