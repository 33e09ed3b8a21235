package dev.skyfleet.provisioner.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.skyfleet.model.Json;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Small conversions between Java values and the PostgreSQL reactive client. */
final class Sql {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private Sql() {
    }

    static Tuple tuple(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(mapper.apply(row));
        }
        return list;
    }

    static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? mapper.apply(it.next()) : null;
    }

    static String json(Object value) {
        return Json.write(value);
    }

    static Map<String, String> stringMap(String json) {
        try {
            return json == null ? Map.of() : Json.mapper().readValue(json, STRING_MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
