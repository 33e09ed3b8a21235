package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Value of {@code skyfleet.offers.v1} (key: offer id): the full current offer and what changed.
 *
 * @param offerId the key, repeated so a value read alone is self-describing
 * @param changes what changed, in a stable order; {@code removed} stands alone
 * @param offer the offer now; for {@code removed}, the offer as it was last seen
 * @param previousPrice the price before a {@code price} change; null otherwise
 * @param previousAvailable the availability before an {@code availability} change; null otherwise
 * @param at when the change was detected
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfferEvent(String offerId, List<OfferChange> changes, Offer offer, Price previousPrice,
        Boolean previousAvailable, Instant at) {

    public OfferEvent {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(at, "at");
        offerId = offer.id();
        changes = changes == null || changes.isEmpty() ? List.of(OfferChange.UPDATED)
                : List.copyOf(EnumSet.copyOf(changes));
    }

    public static OfferEvent added(Offer offer, Instant at) {
        return new OfferEvent(null, List.of(OfferChange.ADDED), offer, null, null, at);
    }

    public static OfferEvent removed(Offer lastSeen, Instant at) {
        return new OfferEvent(null, List.of(OfferChange.REMOVED), lastSeen, null, null, at);
    }

    /** The event for {@code current} replacing {@code previous}, or null when no fact changed. */
    public static OfferEvent between(Offer previous, Offer current, Instant at) {
        if (previous == null) {
            return added(current, at);
        }
        Set<OfferChange> changes = EnumSet.noneOf(OfferChange.class);
        boolean priceChanged = !Objects.equals(previous.pricePerHour(), current.pricePerHour());
        boolean availabilityChanged = previous.available() != current.available();
        if (priceChanged) {
            changes.add(OfferChange.PRICE);
        }
        if (availabilityChanged) {
            changes.add(OfferChange.AVAILABILITY);
        }
        if (!previous.observed(current.pricePerHour(), current.available(), current.observedAt()).equals(current)) {
            changes.add(OfferChange.UPDATED);
        }
        if (changes.isEmpty()) {
            return null;
        }
        return new OfferEvent(null, List.copyOf(changes), current, priceChanged ? previous.pricePerHour() : null,
                availabilityChanged ? previous.available() : null, at);
    }

    @JsonIgnore
    public boolean isRemoval() {
        return changes.contains(OfferChange.REMOVED);
    }
}
