package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an offer's facts came from; a live API wins over a catalog file for the same cloud. */
public enum OfferSource implements WireEnum {
    API("api"),
    CATALOG_FILE("catalog-file"),
    SIMULATOR("simulator");

    private final String wire;

    OfferSource(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static OfferSource fromWire(String value) {
        return WireEnum.parse(OfferSource.class, value, API);
    }
}
