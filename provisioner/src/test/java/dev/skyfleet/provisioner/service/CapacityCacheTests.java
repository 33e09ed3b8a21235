package dev.skyfleet.provisioner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CapacityCacheTests {
    private Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void capacityErrorSkipsTheOfferForTheTtlAndARepeatExtendsIt() {
        CapacityCache cache = new CapacityCache(Duration.ofMinutes(3), clock);
        cache.offerUnavailable("a:r:-:t:on-demand");
        assertThat(cache.skipReason("a:r:-:t:on-demand", "a", "r")).contains("capacity");
        assertThat(cache.skipReason("a:r:-:u:on-demand", "a", "r")).isNull();

        now = now.plusSeconds(120);
        cache.offerUnavailable("a:r:-:t:on-demand");
        now = now.plusSeconds(120);
        assertThat(cache.offerBlocked("a:r:-:t:on-demand")).isTrue();
        now = now.plusSeconds(61);
        assertThat(cache.offerBlocked("a:r:-:t:on-demand")).isFalse();
    }

    @Test
    void quotaBlocksEveryOfferOfTheProviderRegionAndAuthTheProvider() {
        CapacityCache cache = new CapacityCache(Duration.ofMinutes(3), clock);
        cache.regionBlocked("a", "r1");
        assertThat(cache.skipReason("a:r1:-:x:on-demand", "a", "r1")).contains("quota");
        assertThat(cache.skipReason("a:r2:-:x:on-demand", "a", "r2")).isNull();
        assertThat(cache.skipReason("b:r1:-:x:on-demand", "b", "r1")).isNull();
        cache.providerBlocked("b");
        assertThat(cache.skipReason("b:r9:-:x:on-demand", "b", "r9")).contains("credentials");
    }
}
