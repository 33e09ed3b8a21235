package dev.skyfleet.poller.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skyfleet.model.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives the HTTP API the same JSON settings as the Kafka records. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
