package dev.skyfleet.model;

import static dev.skyfleet.model.Fixtures.T0;
import static dev.skyfleet.model.Fixtures.h100Offer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfferEventTests {

    @Test
    void aNewOfferIsAdded() {
        OfferEvent event = OfferEvent.between(null, h100Offer("23.92", true), T0);

        assertThat(event.changes()).containsExactly(OfferChange.ADDED);
        assertThat(event.offerId()).isEqualTo("lambda:us-east-1:-:gpu_8x_h100_sxm5:on-demand");
    }

    @Test
    void aPriceAndAvailabilityChangeKeepsThePreviousValues() {
        Offer before = h100Offer("23.92", true);
        Offer after = h100Offer("21.50", false);

        OfferEvent event = OfferEvent.between(before, after, T0.plusSeconds(60));

        assertThat(event.changes()).containsExactly(OfferChange.PRICE, OfferChange.AVAILABILITY);
        assertThat(event.previousPrice()).isEqualTo(Price.usd("23.92"));
        assertThat(event.previousAvailable()).isTrue();
        assertThat(event.offer().pricePerHour()).isEqualTo(Price.usd("21.5"));
    }

    @Test
    void onlyANewObservationTimeIsNoChange() {
        Offer before = h100Offer("23.92", true);
        Offer later = before.observed(before.pricePerHour(), true, T0.plusSeconds(600));

        assertThat(OfferEvent.between(before, later, T0.plusSeconds(600))).isNull();
    }

    @Test
    void equalAmountsWithDifferentScalesAreTheSamePrice() {
        assertThat(Price.usd("2.10")).isEqualTo(Price.usd("2.1")).isEqualTo(Price.usdCents(210));
    }

    @Test
    void aRemovalStandsAlone() {
        OfferEvent event = OfferEvent.removed(h100Offer("23.92", true), T0);

        assertThat(event.isRemoval()).isTrue();
        assertThat(event.changes()).containsExactly(OfferChange.REMOVED);
    }
}
