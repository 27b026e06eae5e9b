package dev.kubetune.runner.jinja;

import java.util.List;
import java.util.Map;

/** The arguments of a filter, test or function call, read by position or by keyword as Python binds them. */
record Args(List<Object> positional, Map<String, Object> keywords) {

    Object get(int index, String name, Object fallback) {
        if (index >= 0 && index < positional.size()) {
            return positional.get(index);
        }
        return keywords.containsKey(name) ? keywords.get(name) : fallback;
    }

    boolean flag(int index, String name, boolean fallback) {
        return Py.truthy(get(index, name, fallback));
    }

    int size() {
        return positional.size();
    }
}
