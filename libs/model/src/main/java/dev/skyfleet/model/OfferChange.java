package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What changed about an offer since it was last published. */
public enum OfferChange implements WireEnum {
    ADDED("added"),
    REMOVED("removed"),
    PRICE("price"),
    AVAILABILITY("availability"),
    /** Any other fact (spec, cloud, source). */
    UPDATED("updated");

    private final String wire;

    OfferChange(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static OfferChange fromWire(String value) {
        return WireEnum.parse(OfferChange.class, value, UPDATED);
    }
}
