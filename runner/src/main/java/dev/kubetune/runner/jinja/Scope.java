package dev.kubetune.runner.jinja;

import java.util.HashMap;
import java.util.Map;

/**
 * Variables visible while rendering. A {@code for} loop's body gets a new scope per iteration and a
 * macro call one per call, so, as in Jinja2, what they set does not leak out ({@code namespace} does).
 */
final class Scope {

    private final Scope parent;
    private final Map<String, Object> variables = new HashMap<>();
    final Renderer renderer;

    Scope(Renderer renderer, Scope parent) {
        this.renderer = renderer;
        this.parent = parent;
    }

    Scope child() {
        return new Scope(renderer, this);
    }

    Object get(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.variables.containsKey(name)) {
                return s.variables.get(name);
            }
        }
        return renderer.global(name);
    }

    void set(String name, Object value) {
        variables.put(name, value);
    }
}
