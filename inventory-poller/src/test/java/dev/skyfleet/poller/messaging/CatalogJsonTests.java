package dev.skyfleet.poller.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.messaging.CloudEventHeaders;
import dev.skyfleet.model.Json;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.poller.support.FakeProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class CatalogJsonTests {
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void cachedSpecsWriteTheSameBytesAsTheSharedMapper() throws Exception {
        var spec = FakeProvider.gpuType("lambda", "gpu_1x_h100_pcie");
        var writer = CatalogJson.mapper().writerFor(OfferEvent.class);
        for (String region : new String[] {"us-east-1", "us-west-1"}) {
            Offer offer = Offer.of("lambda", null, region, null, UsageClass.ON_DEMAND, spec, Price.usd("2.49"), true,
                    OfferSource.API, AT);
            OfferEvent event = OfferEvent.added(offer, AT);
            assertThat(writer.writeValueAsString(event)).isEqualTo(Json.write(event));
        }
    }

    @Test
    void binaryHeadersCarryTheSameAttributesAsTheSharedHelperWithUniqueIds() {
        CloudEventsBinary factory = new CloudEventsBinary("dev.skyfleet.offer.changed", "/skyfleet/x");
        var ours = factory.headers("k1", AT);
        var shared = CloudEventHeaders.of("dev.skyfleet.offer.changed", "/skyfleet/x", "k1", AT);
        assertThat(Arrays.stream(ours.toArray()).map(Header::key))
                .containsExactlyElementsOf(Arrays.stream(shared.toArray()).map(Header::key).toList());
        for (String key : new String[] {"ce_specversion", "ce_source", "ce_type", "ce_subject", "ce_time",
                "content-type"}) {
            assertThat(ours.lastHeader(key).value()).as(key).isEqualTo(shared.lastHeader(key).value());
        }
        String id = new String(ours.lastHeader("ce_id").value(), StandardCharsets.UTF_8);
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(factory.headers("k1", AT).lastHeader("ce_id").value()).isNotEqualTo(ours.lastHeader("ce_id").value());
    }
}
