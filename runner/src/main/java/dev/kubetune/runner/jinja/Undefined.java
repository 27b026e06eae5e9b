package dev.kubetune.runner.jinja;

/**
 * Jinja2's default {@code Undefined}: prints as nothing, is false, iterates as empty, equals only
 * another undefined; any other use (an attribute, arithmetic, a call) fails with the message Jinja2 gives.
 */
final class Undefined {

    private final String message;

    private Undefined(String message) {
        this.message = message;
    }

    static Undefined named(String name) {
        return new Undefined("'" + name + "' is undefined");
    }

    /** What {@code obj.name} or {@code obj['name']} gives when {@code obj} has no such attribute or item. */
    static Undefined member(Object obj, Object key) {
        String owner = "'" + Py.objectTypeRepr(obj) + "'";
        return new Undefined(key instanceof String s ? owner + " has no attribute '" + s + "'"
                : owner + " has no element " + Py.repr(key));
    }

    static Undefined withMessage(String message) {
        return new Undefined(message);
    }

    JinjaError fail() {
        return new JinjaError(message);
    }

    @Override
    public String toString() {
        return "";
    }
}
