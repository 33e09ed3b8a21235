package dev.skyfleet.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * A reader that refuses unknown fields, for HTTP request bodies. Records on Kafka are read leniently (a newer
 * producer may add fields), but in a request a misspelt constraint would silently widen a search or a placement.
 * Shaped as Quarkus REST's {@code @CustomDeserialization} function, without depending on Quarkus.
 */
public class StrictJsonReader implements BiFunction<ObjectMapper, Type, ObjectReader> {
    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        return mapper.readerFor(mapper.constructType(type)).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
