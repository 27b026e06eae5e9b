package dev.kubetune.runner.jinja;

import java.util.Map;

/** One rendering: the environment's globals under the caller's variables. */
final class Renderer {

    private final Map<String, Object> globals;

    Renderer(Map<String, Object> globals) {
        this.globals = globals;
    }

    Object global(String name) {
        return globals.containsKey(name) ? globals.get(name) : Undefined.named(name);
    }
}
