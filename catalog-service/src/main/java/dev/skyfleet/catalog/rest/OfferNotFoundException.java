package dev.skyfleet.catalog.rest;

/** No offer with the requested id. */
public class OfferNotFoundException extends RuntimeException {
    public OfferNotFoundException(String id) {
        super("no offer with id '" + id + "'", null, false, false);
    }
}
