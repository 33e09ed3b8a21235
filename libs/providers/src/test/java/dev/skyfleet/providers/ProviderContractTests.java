package dev.skyfleet.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferId;
import dev.skyfleet.model.Region;
import dev.skyfleet.providers.catalogfile.CatalogFiles;
import dev.skyfleet.providers.sandbox.MutableClock;
import dev.skyfleet.providers.sandbox.SandboxConfig;
import dev.skyfleet.providers.sandbox.SandboxProvider;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog checks of Brev's validation suite ({@code provider-model.md} §8), run on every provider that needs no
 * network: non-empty, unique and parseable ids, deterministic across reads, offers consistent with the listed
 * regions and instance types.
 */
class ProviderContractTests {
    private static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-11-21T18:00:00Z"));

    static Stream<CloudProvider> providers() {
        return Stream.concat(Stream.of(new SandboxProvider(SandboxConfig.withSeedAndClock(5, CLOCK))),
                CatalogFiles.bundled(CLOCK).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void offersHaveUniqueParseableIdsMatchingTheirFields(CloudProvider provider) {
        List<Offer> offers = provider.listOffers();

        assertThat(offers).isNotEmpty();
        assertThat(offers.stream().map(Offer::id).distinct().count()).isEqualTo(offers.size());
        assertThat(offers).allSatisfy(o -> {
            OfferId id = OfferId.parse(o.id());
            assertThat(id.provider()).isEqualTo(provider.id());
            assertThat(id.region()).isEqualTo(o.region());
            assertThat(id.zoneOrNull()).isEqualTo(o.zone());
            assertThat(id.instanceType()).isEqualTo(o.instanceType());
            assertThat(id.usage()).isEqualTo(o.usage());
            assertThat(o.spec().name()).isEqualTo(o.instanceType());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void twoReadsGiveTheSameCatalog(CloudProvider provider) {
        CatalogSnapshot first = provider.readCatalog();
        CatalogSnapshot second = provider.readCatalog();

        assertThat(second.offers()).isEqualTo(first.offers());
        assertThat(second.instanceTypes()).isEqualTo(first.instanceTypes());
        assertThat(second.regions()).isEqualTo(first.regions());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void offersOnlyUseListedRegionsAndTypes(CloudProvider provider) {
        CatalogSnapshot snapshot = provider.readCatalog();
        Set<String> regions = snapshot.regions().stream().map(Region::id).collect(Collectors.toSet());
        Set<String> types = snapshot.instanceTypes().stream().map(InstanceTypeSpec::name).collect(Collectors.toSet());

        assertThat(snapshot.instanceTypes().stream().map(InstanceTypeSpec::key).distinct().count())
                .isEqualTo(snapshot.instanceTypes().size());
        assertThat(snapshot.offers()).allSatisfy(o -> {
            assertThat(regions).contains(o.region());
            assertThat(types).contains(o.instanceType());
            assertThat(o.provider()).isEqualTo(provider.id());
            assertThat(o.spec().provider()).isEqualTo(provider.id());
        });
        assertThat(snapshot.offers()).anyMatch(Offer::available);
    }
}
