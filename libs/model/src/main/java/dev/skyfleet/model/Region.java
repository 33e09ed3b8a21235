package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * A provider's region. Region ids are open strings: a new region never breaks a reader.
 *
 * @param provider provider id
 * @param id the provider's region code ({@code us-east-1})
 * @param description human name ({@code Virginia, USA}); null when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Region(String provider, String id, String description) {
    public Region {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(id, "id");
    }
}
