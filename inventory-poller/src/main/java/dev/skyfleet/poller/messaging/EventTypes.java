package dev.skyfleet.poller.messaging;

/** CloudEvents {@code type} and {@code source} values of the records the poller writes. */
public final class EventTypes {
    /** An offer was added, changed or removed; the value says which. */
    public static final String OFFER_CHANGED = "dev.skyfleet.offer.changed";
    /** An instance type was added, changed or removed. */
    public static final String INSTANCE_TYPE_CHANGED = "dev.skyfleet.instance-type.changed";
    /** A provider's catalog feed status. */
    public static final String PROVIDER_STATUS = "dev.skyfleet.provider.status";

    private EventTypes() {
    }

    /** The CloudEvents source of records about {@code provider}. */
    public static String source(String provider) {
        return "/skyfleet/inventory-poller/" + provider;
    }
}
