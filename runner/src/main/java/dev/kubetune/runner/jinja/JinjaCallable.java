package dev.kubetune.runner.jinja;

import java.util.List;
import java.util.Map;

/** Anything a template can call: a global function, a macro, a bound method of a value. */
@FunctionalInterface
interface JinjaCallable {

    Object call(List<Object> args, Map<String, Object> kwargs);
}
