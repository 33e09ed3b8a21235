package dev.skyfleet.poller.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferChange;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.poller.support.FakeProvider;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogDiffTests {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-21T10:01:00Z");
    private static final InstanceTypeSpec A10 = FakeProvider.gpuType("lambda", "gpu_1x_a10");

    private static Offer offer(String region, String price, boolean available, Instant at) {
        return Offer.of("lambda", null, region, null, UsageClass.ON_DEMAND, A10, Price.usd(price), available,
                OfferSource.API, at);
    }

    private static Map<String, Offer> published(Offer... offers) {
        Map<String, Offer> map = new HashMap<>();
        for (Offer o : offers) {
            map.put(o.id(), o);
        }
        return map;
    }

    @Test
    void unchangedListingObservedLaterGivesNoEvents() {
        Offer east = offer("us-east-1", "0.75", true, T0);
        var result = CatalogDiff.offers("lambda", published(east), List.of(offer("us-east-1", "0.75", true, T1)), T1);
        assertThat(result.events()).isEmpty();
        assertThat(result.seen()).isEqualTo(1);
    }

    @Test
    void newPriceAndAvailabilityAreOneEventWithPreviousValues() {
        Offer east = offer("us-east-1", "0.75", true, T0);
        var result = CatalogDiff.offers("lambda", published(east), List.of(offer("us-east-1", "0.69", false, T1)), T1);
        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.changes()).containsExactly(OfferChange.PRICE, OfferChange.AVAILABILITY);
            assertThat(e.previousPrice()).isEqualTo(Price.usd("0.75"));
            assertThat(e.previousAvailable()).isTrue();
        });
    }

    @Test
    void unlistedOffersAreRemovedAndNewOnesAdded() {
        Offer east = offer("us-east-1", "0.75", true, T0);
        Offer west = offer("us-west-1", "0.75", true, T1);
        var result = CatalogDiff.offers("lambda", published(east), List.of(west), T1);
        assertThat(result.events()).extracting(OfferEvent::offerId, e -> e.changes().get(0))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(west.id(), OfferChange.ADDED),
                        org.assertj.core.groups.Tuple.tuple(east.id(), OfferChange.REMOVED));
    }

    @Test
    void offersOfAnotherProviderAndDuplicatesAreIgnoredNotPublished() {
        Offer east = offer("us-east-1", "0.75", true, T1);
        Offer foreign = Offer.of("aws", null, "us-east-1", null, UsageClass.ON_DEMAND,
                FakeProvider.gpuType("aws", "g5.xlarge"), Price.usd("1.01"), true, OfferSource.API, T1);
        var result = CatalogDiff.offers("lambda", Map.of(), List.of(east, east, foreign), T1);
        assertThat(result.events()).hasSize(1);
        assertThat(result.ignored()).isEqualTo(2);
    }

    @Test
    void instanceTypesChangeOnlyWhenTheirSpecDoes() {
        InstanceTypeSpec h100 = FakeProvider.gpuType("lambda", "gpu_1x_h100_pcie");
        var same = CatalogDiff.types("lambda", Map.of(A10.name(), A10), List.of(A10), T1);
        assertThat(same.events()).isEmpty();
        var changed = CatalogDiff.types("lambda", Map.of(A10.name(), A10), List.of(h100), T1);
        assertThat(changed.events()).extracting(InstanceTypeEvent::key, InstanceTypeEvent::removed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lambda/gpu_1x_h100_pcie", false),
                        org.assertj.core.groups.Tuple.tuple("lambda/gpu_1x_a10", true));
    }
}
