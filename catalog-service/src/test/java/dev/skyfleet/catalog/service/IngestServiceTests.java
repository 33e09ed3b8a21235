package dev.skyfleet.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.catalog.Fixtures;
import dev.skyfleet.catalog.mapping.OfferRow;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.Price;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestServiceTests {
    private final IngestService service = new IngestService(null);

    @Test
    void splitsABatchIntoRoundsWithOneEventPerOfferOldestFirst() {
        Instant t = Fixtures.minutesAgo(10);
        Offer a = Fixtures.gpuOffer("p", "r1", "a", "H100", 8, "20", true, t);
        Offer b = Fixtures.gpuOffer("p", "r1", "b", "H100", 8, "20", true, t);
        Offer a2 = a.observed(Price.usd("19"), true, t.plusSeconds(60));
        Offer a3 = a.observed(Price.usd("18"), true, t.plusSeconds(120));
        // arrival order: a3 before a2 (late event), b once
        List<List<OfferRow>> rounds = IngestService.rounds(List.of(OfferEvent.added(a, t),
                OfferEvent.between(a2, a3, a3.observedAt()), OfferEvent.added(b, t),
                OfferEvent.between(a, a2, a2.observedAt())));
        assertThat(rounds).hasSize(3);
        assertThat(rounds.get(0)).extracting(OfferRow::id).containsExactly(a.id(), b.id());
        assertThat(rounds.get(1)).extracting(OfferRow::price).containsExactly(Price.usd("19").amount());
        assertThat(rounds.get(2)).extracting(OfferRow::price).containsExactly(Price.usd("18").amount());
    }

    @Test
    void refusesMismatchedKeysAndFutureObservations() {
        Offer offer = Fixtures.gpuOffer("p", "r1", "a", "H100", 8, "20", true, Fixtures.minutesAgo(1));
        OfferEvent event = OfferEvent.added(offer, offer.observedAt());
        assertThat(service.problemOf(offer.id(), event)).isNull();
        assertThat(service.problemOf(null, event)).isNull();
        assertThat(service.problemOf("p:r2:-:a:on-demand", event)).contains("does not match");
        Offer future = offer.observed(offer.pricePerHour(), true, Instant.now().plusSeconds(86_400));
        assertThat(service.problemOf(offer.id(), OfferEvent.added(future, future.observedAt())))
                .contains("in the future");
    }

    @Test
    void aRemovalIsARowMarkedRemovedWithTheSameObservation() {
        Offer offer = Fixtures.gpuOffer("p", "r1", "a", "H100", 8, "20", true, Fixtures.minutesAgo(5));
        OfferRow row = OfferRow.of(OfferEvent.removed(offer, Fixtures.minutesAgo(1)));
        assertThat(row.removed()).isTrue();
        assertThat(row.observedAt()).isEqualTo(offer.observedAt());
        assertThat(row.eventAt()).isAfter(offer.observedAt());
        assertThat(row.specHash()).isEqualTo(OfferRow.of(OfferEvent.added(offer, offer.observedAt())).specHash());
    }
}
