package dev.kubetune.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Objects;

/** Copies and compares status objects through their JSON form (what the API server stores). */
public final class StatusJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StatusJson() {
    }

    /** A deep copy of {@code status}, or a new one when it is null. */
    public static <T> T copy(T status, Class<T> type) {
        try {
            return status == null ? type.getDeclaredConstructor().newInstance() : JSON.convertValue(status, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether both serialize to the same JSON. */
    public static boolean same(Object a, Object b) {
        return Objects.equals(JSON.valueToTree(a), JSON.valueToTree(b));
    }
}
