package dev.skyfleet.provisioner.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skyfleet.model.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Applies Skyfleet's JSON settings (ISO times, plain decimals) to the ObjectMapper Quarkus REST uses. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
