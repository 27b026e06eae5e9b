package dev.kubetune.api.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schedulable piece of an experiment: a fold of a FoldTraining ({@code fold-3}) or a shard of
 * an InferenceRun ({@code shard-0}). Its name is what pods get as their {@code --unit} argument.
 */
public record WorkUnit(Type type, int index) {

    private static final Pattern NAME = Pattern.compile("(fold|shard)-(0|[1-9][0-9]{0,5})");

    /** What the unit does. */
    public enum Type {
        FOLD("fold"),
        SHARD("shard");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public WorkUnit {
        if (index < 0) {
            throw new IllegalArgumentException("unit index must be ≥ 0, not " + index);
        }
    }

    public static WorkUnit fold(int index) {
        return new WorkUnit(Type.FOLD, index);
    }

    public static WorkUnit shard(int index) {
        return new WorkUnit(Type.SHARD, index);
    }

    /** Reads {@code fold-3} or {@code shard-0}; anything else is an IllegalArgumentException. */
    public static WorkUnit parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
            throw new IllegalArgumentException("unit '" + name + "' is neither fold-N nor shard-N");
        }
        Type type = m.group(1).equals("fold") ? Type.FOLD : Type.SHARD;
        return new WorkUnit(type, Integer.parseInt(m.group(2)));
    }

    /** The unit's name: {@code fold-3}, {@code shard-0}. */
    public String name() {
        return type.prefix() + "-" + index;
    }

    @Override
    public String toString() {
        return name();
    }
}
