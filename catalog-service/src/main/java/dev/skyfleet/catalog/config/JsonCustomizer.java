package dev.skyfleet.catalog.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skyfleet.model.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives the HTTP API the same JSON settings as the Kafka records; absent values are left out. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper).setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
