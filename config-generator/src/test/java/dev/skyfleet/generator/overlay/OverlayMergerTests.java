package dev.skyfleet.generator.overlay;

import static dev.skyfleet.generator.Fixtures.gpuType;
import static dev.skyfleet.generator.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyfleet.generator.Fixtures;
import dev.skyfleet.generator.mapping.CatalogModel;
import dev.skyfleet.generator.mapping.CatalogModelBuilder;
import dev.skyfleet.generator.mapping.OfferEntry;
import dev.skyfleet.generator.mapping.ProviderCatalog;
import dev.skyfleet.generator.render.SnapshotRenderer;
import dev.skyfleet.generator.service.CatalogView;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayMergerTests {
    static final InstanceTypeSpec H100 = gpuType("lambda", "gpu_8x_h100_sxm5", 208, 1800, 8, "H100", 80);
    static final InstanceTypeSpec A10 = gpuType("lambda", "gpu_1x_a10", 30, 200, 1, "A10", 24);
    static final InstanceTypeSpec HYPER = gpuType("shadeform", "hyperstack_H100", 28, 180, 1, "H100", 80);
    static final InstanceTypeSpec VIA_LAMBDA = gpuType("shadeform", "lambda_A10", 30, 200, 1, "A10", 24);

    static CatalogModel base() {
        CatalogView view = new CatalogView();
        view.apply(OfferEvent.added(offer(H100, "us-east-1", "23.92", true), Fixtures.T0));
        view.apply(OfferEvent.added(offer(H100, "us-west-2", "23.92", true), Fixtures.T0));
        view.apply(OfferEvent.added(offer(A10, "us-east-1", "0.75", true), Fixtures.T0));
        view.apply(OfferEvent.added(Offer.of("shadeform", "hyperstack", "canada-1", null, UsageClass.ON_DEMAND, HYPER,
                Price.usd("2.40"), true, OfferSource.API, Fixtures.T0), Fixtures.T0));
        view.apply(OfferEvent.added(Offer.of("shadeform", "lambda", "us-east-1", null, UsageClass.ON_DEMAND,
                VIA_LAMBDA, Price.usd("0.90"), true, OfferSource.API, Fixtures.T0), Fixtures.T0));
        return CatalogModelBuilder.build(view.snapshot());
    }

    static CatalogModel apply(String... yamls) {
        List<Overlay> overlays = new java.util.ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            overlays.add(OverlayParser.parse("overlays/" + i + ".yaml", yamls[i]));
        }
        return OverlayMerger.apply(base(), overlays);
    }

    static OfferEntry offerById(ProviderCatalog p, String id) {
        return p.offers().stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }

    @Test
    void matchingIdIsReplacedFieldByFieldAndUntouchedIdsAreKept() {
        CatalogModel merged = apply("""
                offers:
                  - id: "lambda:us-east-1:-:gpu_8x_h100_sxm5:on-demand"
                    price: 19.99
                """);
        ProviderCatalog lambda = merged.providers().get("lambda");
        OfferEntry changed = offerById(lambda, "lambda:us-east-1:-:gpu_8x_h100_sxm5:on-demand");
        assertThat(changed.price()).isEqualByComparingTo("19.99");
        assertThat(changed.available()).isTrue();
        assertThat(changed.currency()).isEqualTo("USD");
        // same entries, same order as the base: only the field changed
        assertThat(lambda.offers()).extracting(OfferEntry::id)
                .containsExactlyElementsOf(base().providers().get("lambda").offers().stream().map(OfferEntry::id).toList());
        assertThat(offerById(lambda, "lambda:us-west-2:-:gpu_8x_h100_sxm5:on-demand").price())
                .isEqualByComparingTo("23.92");
    }

    @Test
    void newIdsAreAppendedAfterTheBaseEntries() {
        CatalogModel merged = apply("""
                instanceTypes:
                  - id: lambda/gpu_1x_custom
                    vcpus: 4
                    memoryGib: 16
                offers:
                  - id: "lambda:aa-first-1:-:gpu_1x_custom:on-demand"
                    price: 0.5
                    available: true
                """);
        ProviderCatalog lambda = merged.providers().get("lambda");
        assertThat(lambda.offers()).hasSize(4);
        assertThat(lambda.offers().get(3).id()).isEqualTo("lambda:aa-first-1:-:gpu_1x_custom:on-demand");
        assertThat(lambda.types().get(lambda.types().size() - 1).id()).isEqualTo("lambda/gpu_1x_custom");
        assertThat(lambda.regions().get(lambda.regions().size() - 1).id()).isEqualTo("lambda/aa-first-1");
    }

    @Test
    void hiddenTypeTakesItsOffersWith() {
        ProviderCatalog lambda = apply("""
                instanceTypes:
                  - id: lambda/gpu_1x_a10
                    hidden: true
                """).providers().get("lambda");
        assertThat(lambda.types()).extracting("id").containsExactly("lambda/gpu_8x_h100_sxm5");
        assertThat(lambda.offers()).extracting(OfferEntry::instanceType).containsOnly("gpu_8x_h100_sxm5");
    }

    @Test
    void disabledProviderIsRemovedWithEverythingReferringToIt() {
        CatalogModel merged = apply("""
                providers:
                  - id: lambda
                    disabled: true
                """);
        assertThat(merged.providers()).doesNotContainKey("lambda");
        ProviderCatalog shadeform = merged.providers().get("shadeform");
        // the brokered offer that runs on Lambda's cloud goes too; the Hyperstack one stays
        assertThat(shadeform.offers()).extracting(OfferEntry::id)
                .containsExactly("shadeform:canada-1:-:hyperstack_H100:on-demand");
        String gpus = new String(SnapshotRenderer.render(merged).files().get("gpus.yaml"), StandardCharsets.UTF_8);
        assertThat(gpus).doesNotContain("lambda");
        assertThat(SnapshotRenderer.render(merged).files().keySet()).noneMatch(p -> p.contains("lambda"));
    }

    @Test
    void laterOverlayWinsAndPinnedDefaultsAreUsed() {
        CatalogModel merged = apply("""
                offers:
                  - id: "lambda:us-east-1:-:gpu_1x_a10:on-demand"
                    price: 0.70
                """, """
                offers:
                  - id: "lambda:us-east-1:-:gpu_1x_a10:on-demand"
                    price: 0.65
                defaults:
                  - provider: lambda
                    instanceType: gpu_8x_h100_sxm5
                    region: us-west-2
                """);
        ProviderCatalog lambda = merged.providers().get("lambda");
        assertThat(offerById(lambda, "lambda:us-east-1:-:gpu_1x_a10:on-demand").price())
                .isEqualByComparingTo(new BigDecimal("0.65"));
        String compute = new String(SnapshotRenderer.render(merged).files()
                .get("terraform/lambdalabs/kconfigs/Kconfig.compute.generated"), StandardCharsets.UTF_8);
        assertThat(compute).contains("\tdefault TERRAFORM_LAMBDALABS_INSTANCE_TYPE_GPU_8X_H100_SXM5\n");
        String location = new String(SnapshotRenderer.render(merged).files()
                .get("terraform/lambdalabs/kconfigs/Kconfig.location.generated"), StandardCharsets.UTF_8);
        assertThat(location).contains("\tdefault TERRAFORM_LAMBDALABS_REGION_US_WEST_2\n");
    }

    @Test
    void unknownFieldIsReportedWithFileAndLine() {
        assertThatThrownBy(() -> apply("""
                offers:
                  - id: "lambda:us-east-1:-:gpu_1x_a10:on-demand"
                    prise: 0.70
                """))
                .isInstanceOfSatisfying(OverlayException.class, e -> {
                    assertThat(e.file()).isEqualTo("overlays/0.yaml");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("unknown field 'prise'");
                });
    }

    @Test
    void wrongValueTypeIsReportedWithLine() {
        assertThatThrownBy(() -> apply("""
                offers:
                  - id: "lambda:us-east-1:-:gpu_1x_a10:on-demand"
                    available: maybe
                """))
                .isInstanceOfSatisfying(OverlayException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("'available' must be true or false");
                });
    }

    @Test
    void pinToAMissingTypeIsAnError() {
        assertThatThrownBy(() -> apply("", """
                # pins a type that does not exist
                defaults:
                  - provider: lambda
                    instanceType: gpu_9x_nothing
                """))
                .isInstanceOfSatisfying(OverlayException.class, e -> {
                    assertThat(e.file()).isEqualTo("overlays/1.yaml");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("gpu_9x_nothing");
                });
    }

    @Test
    void brokenYamlAndDerivedFieldsAreRejected() {
        assertThatThrownBy(() -> apply("offers:\n  - id: [unclosed\n"))
                .isInstanceOfSatisfying(OverlayException.class, e -> assertThat(e.reason()).startsWith("not valid YAML"));
        assertThatThrownBy(() -> apply("""
                offers:
                  - id: "lambda:us-east-1:-:gpu_1x_a10:on-demand"
                    region: us-west-1
                """))
                .isInstanceOfSatisfying(OverlayException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("derived from the id");
                });
        assertThatThrownBy(() -> apply("""
                offers:
                  - id: "lambda:us-east-1:-:gpu_7x_unknown:on-demand"
                    price: 1
                """))
                .isInstanceOfSatisfying(OverlayException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).contains("unknown instance type");
                });
    }
}
