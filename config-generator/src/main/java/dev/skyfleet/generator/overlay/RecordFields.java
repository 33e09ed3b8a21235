package dev.skyfleet.generator.overlay;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/** Copies a record with some components replaced, by name: the "field by field" of an overlay merge. */
final class RecordFields {
    private RecordFields() {
    }

    static <T extends Record> T with(T base, Class<T> type, Map<String, Object> changes) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                values[i] = changes.containsKey(c.getName()) ? changes.get(c.getName())
                        : base == null ? defaultValue(c.getType()) : c.getAccessor().invoke(base);
            }
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + type.getSimpleName(), e);
        }
    }

    private static Object defaultValue(Class<?> type) {
        return type == boolean.class ? Boolean.FALSE : null;
    }
}
