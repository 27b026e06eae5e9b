package dev.kubetune.runner.jinja;

import java.util.List;

/** The {@code loop} variable of a {@code for} loop: index, first, last, length, previtem, cycle(), … */
final class LoopInfo {

    private final List<Object> items;
    private final int depth0;
    int index0;
    private Object lastChanged = Undefined.withMessage("no value");

    LoopInfo(List<Object> items, int depth0) {
        this.items = items;
        this.depth0 = depth0;
    }

    Object attribute(String name) {
        int length = items.size();
        return switch (name) {
            case "index" -> (long) index0 + 1;
            case "index0" -> (long) index0;
            case "revindex" -> (long) (length - index0);
            case "revindex0" -> (long) (length - index0 - 1);
            case "first" -> index0 == 0;
            case "last" -> index0 == length - 1;
            case "length" -> (long) length;
            case "depth" -> (long) depth0 + 1;
            case "depth0" -> (long) depth0;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : Undefined.withMessage("there is no previous item");
            case "nextitem" -> index0 + 1 < length ? items.get(index0 + 1) : Undefined.withMessage("there is no next item");
            case "cycle" -> (JinjaCallable) (args, kwargs) -> {
                if (args.isEmpty()) {
                    throw new JinjaError("no items for cycling given");
                }
                return args.get(index0 % args.size());
            };
            case "changed" -> (JinjaCallable) (args, kwargs) -> {
                Object value = new PyTuple(args);
                boolean changed = !Py.eq(value, lastChanged);
                lastChanged = value;
                return changed;
            };
            default -> Undefined.member(this, name);
        };
    }

    @Override
    public String toString() {
        return "<LoopContext " + (index0 + 1) + "/" + items.size() + ">";
    }
}
