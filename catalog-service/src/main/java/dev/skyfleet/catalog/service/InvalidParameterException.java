package dev.skyfleet.catalog.service;

/** A request parameter or body field with a value the API cannot accept; answered with 400 naming it. */
public class InvalidParameterException extends RuntimeException {
    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(detail, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
