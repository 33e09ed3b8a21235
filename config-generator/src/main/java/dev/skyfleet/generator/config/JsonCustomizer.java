package dev.skyfleet.generator.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skyfleet.model.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Applies Skyfleet's JSON settings (ISO times, plain decimals, sorted keys) to Quarkus's mapper. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
