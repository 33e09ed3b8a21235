package dev.skyfleet.generator.render;

import static dev.skyfleet.generator.Fixtures.cpuType;
import static dev.skyfleet.generator.Fixtures.gpuType;
import static dev.skyfleet.generator.Fixtures.offer;
import static dev.skyfleet.generator.Fixtures.spot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.generator.Fixtures;
import dev.skyfleet.generator.mapping.CatalogModelBuilder;
import dev.skyfleet.generator.service.CatalogView;
import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SnapshotRendererTests {

    /** A mixed catalog: Lambda (capacity-aware), AWS (families) and a third provider, with removals. */
    static List<Object> events() {
        List<Object> events = new ArrayList<>();
        InstanceTypeSpec h100 = gpuType("lambda", "gpu_8x_h100_sxm5", 208, 1800, 8, "H100", 80);
        InstanceTypeSpec a10 = gpuType("lambda", "gpu_1x_a10", 30, 200, 1, "A10", 24);
        InstanceTypeSpec gh200 = gpuType("lambda", "gpu_1x_gh200", 64, 432, 1, "GH200", 96);
        InstanceTypeSpec m7aLarge = cpuType("aws", "m7a.large", 2, 8, Architecture.X86_64);
        InstanceTypeSpec m7aMedium = cpuType("aws", "m7a.medium", 1, 4, Architecture.X86_64);
        InstanceTypeSpec c7gLarge = cpuType("aws", "c7g.large", 2, 4, Architecture.ARM64);
        InstanceTypeSpec u3tb = cpuType("aws", "u-3tb1.56xlarge", 224, 3072, Architecture.X86_64);
        InstanceTypeSpec p5 = gpuType("aws", "p5.48xlarge", 192, 2048, 8, "H100", 80);
        InstanceTypeSpec sandbox = gpuType("sandbox", "sbx.gpu-1", 8, 32, 1, "L4", 24);
        for (InstanceTypeSpec t : List.of(h100, a10, gh200, m7aLarge, m7aMedium, c7gLarge, u3tb, p5, sandbox)) {
            events.add(InstanceTypeEvent.upsert(t, Fixtures.T0));
        }
        events.add(OfferEvent.added(offer(h100, "us-east-1", "23.92", true), Fixtures.T0));
        events.add(OfferEvent.added(offer(h100, "us-west-2", "23.92", false), Fixtures.T0));
        events.add(OfferEvent.added(offer(a10, "us-east-1", "0.75", false), Fixtures.T0));
        events.add(OfferEvent.added(offer(gh200, "us-east-3", "1.49", true), Fixtures.T0));
        events.add(OfferEvent.added(offer(gh200, "europe-central-1", "1.49", true), Fixtures.T0));
        events.add(OfferEvent.added(offer(m7aLarge, "us-east-1", "0.0928", true), Fixtures.T0));
        events.add(OfferEvent.added(offer(m7aMedium, "us-east-1", "0.0464", true), Fixtures.T0));
        events.add(OfferEvent.added(offer(m7aMedium, "eu-west-1", "0.052", true), Fixtures.T0));
        events.add(OfferEvent.added(spot(m7aMedium, "eu-west-1", "0.02", true), Fixtures.T0));
        events.add(OfferEvent.added(offer(c7gLarge, "ap-south-1", "0.07", true), Fixtures.T0));
        events.add(OfferEvent.added(offer(u3tb, "us-east-1", "27.3", false), Fixtures.T0));
        events.add(OfferEvent.added(offer(p5, "us-east-2", "55.04", true), Fixtures.T0));
        events.add(OfferEvent.added(offer(sandbox, "sbx-west-1", "0.8", true), Fixtures.T0));
        // an offer that comes and goes: removal is later than the addition, whatever order they arrive in
        Offer gone = offer(a10, "us-west-1", "0.75", true);
        events.add(OfferEvent.added(gone, Fixtures.T0));
        events.add(OfferEvent.removed(gone, Fixtures.T0.plusSeconds(60)));
        // a price change, later than the addition
        Offer cheaper = offer(h100, "us-east-2", "24.00", true);
        events.add(OfferEvent.added(cheaper, Fixtures.T0));
        events.add(OfferEvent.between(cheaper, cheaper.observed(dev.skyfleet.model.Price.usd("21.50"), true,
                Fixtures.T0.plusSeconds(30)), Fixtures.T0.plusSeconds(30)));
        return events;
    }

    static RenderedSnapshot render(List<Object> events) {
        CatalogView view = new CatalogView();
        for (Object e : events) {
            if (e instanceof OfferEvent o) {
                view.apply(o);
            } else {
                view.apply((InstanceTypeEvent) e);
            }
        }
        return SnapshotRenderer.render(CatalogModelBuilder.build(view.snapshot()));
    }

    static String text(RenderedSnapshot s, String path) {
        assertThat(s.files()).containsKey(path);
        return new String(s.files().get(path), StandardCharsets.UTF_8);
    }

    @Test
    void sameCatalogGivesSameBytesWhateverTheEventOrder() {
        RenderedSnapshot reference = render(events());
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<Object> shuffled = new ArrayList<>(events());
            Collections.shuffle(shuffled, random);
            RenderedSnapshot again = render(shuffled);
            assertThat(again.hashes()).isEqualTo(reference.hashes());
            assertThat(again.contentHash()).isEqualTo(reference.contentHash());
        }
    }

    @Test
    void incrementalGenerationMatchesAFullOne() {
        List<Object> events = events();
        CatalogView view = new CatalogView();
        var builder = new dev.skyfleet.generator.mapping.IncrementalModelBuilder();
        var renderer = new SnapshotRenderer.Incremental();
        int half = events.size() / 2;
        for (int i = 0; i < events.size(); i++) {
            Object e = events.get(i);
            if (e instanceof OfferEvent o) {
                view.apply(o);
            } else {
                view.apply((InstanceTypeEvent) e);
            }
            if (i == half) {
                renderer.render(builder.build(view));
            }
        }
        // one provider changes after the first render: only it is rebuilt, the result equals a full render
        RenderedSnapshot incremental = renderer.render(builder.build(view));
        assertThat(incremental.hashes()).isEqualTo(render(events).hashes());
        assertThat(incremental.contentHash()).isEqualTo(render(events).contentHash());
    }

    @Test
    void removedOffersAndOldPricesDoNotAppear() {
        RenderedSnapshot s = render(events());
        String lambda = text(s, "catalog/lambda.yaml");
        assertThat(lambda).doesNotContain("lambda:us-west-1:-:gpu_1x_a10:on-demand");
        assertThat(lambda).contains("{id: \"lambda:us-east-2:-:gpu_8x_h100_sxm5:on-demand\", region: \"us-east-2\", "
                + "instanceType: \"gpu_8x_h100_sxm5\", usage: \"on-demand\", price: 21.5, currency: \"USD\", "
                + "available: true, source: \"api\"}");
    }

    @Test
    void writesTheKdevopsLayoutPerProvider() {
        RenderedSnapshot s = render(events());
        assertThat(s.files().keySet()).contains(
                "terraform/lambdalabs/kconfigs/Kconfig.compute.generated",
                "terraform/lambdalabs/kconfigs/Kconfig.location.generated",
                "terraform/aws/kconfigs/Kconfig.compute.generated",
                "terraform/aws/kconfigs/Kconfig.location.generated",
                "terraform/aws/kconfigs/instance-types/Kconfig.m7a.generated",
                "terraform/aws/kconfigs/instance-types/Kconfig.u-3tb1.generated",
                "terraform/aws/kconfigs/instance-types/Kconfig.p5.generated",
                "terraform/sandbox/kconfigs/Kconfig.compute.generated",
                "catalog/aws.yaml", "catalog/lambda.yaml", "catalog/sandbox.yaml", "gpus.yaml");
        String aws = text(s, "terraform/aws/kconfigs/Kconfig.compute.generated");
        assertThat(aws).contains("source \"terraform/aws/kconfigs/instance-types/Kconfig.u-3tb1.generated\"");
        assertThat(aws).contains("default TERRAFORM_AWS_U_3TB1_SIZE if TERRAFORM_AWS_INSTANCE_TYPE_U_3TB1");
        assertThat(aws).contains("config TERRAFORM_AWS_INSTANCE_TYPE_C7G\n\tbool \"C7G\"\n\tdepends on TARGET_ARCH_ARM64");
        // the p5 family has GPUs: accelerated, whatever its first letter says
        assertThat(aws.indexOf("# Accelerated Computing")).isLessThan(aws.indexOf("TERRAFORM_AWS_INSTANCE_TYPE_P5\n"));
        String m7a = text(s, "terraform/aws/kconfigs/instance-types/Kconfig.m7a.generated");
        assertThat(m7a).contains("default TERRAFORM_AWS_INSTANCE_M7A_MEDIUM\n");
        assertThat(m7a).contains("Price: from $0.0464/hour");
        assertThat(m7a).contains("Spot: from $0.02/hour");
    }

    @Test
    void lambdaMenuIsCapacityAwareWithComputedDefaults() {
        RenderedSnapshot s = render(events());
        String compute = text(s, "terraform/lambdalabs/kconfigs/Kconfig.compute.generated");
        // cheapest type with capacity is the default
        assertThat(compute).contains("\tdefault TERRAFORM_LAMBDALABS_INSTANCE_TYPE_GPU_1X_GH200\n");
        assertThat(compute).contains("bool \"gpu_1x_gh200 ($1.49/hr) - 1x GH200 (96 GB SXM5) [AVAILABLE]\"\n"
                + "\tdepends on !TERRAFORM_LAMBDALABS_REGION_MANUAL || (TERRAFORM_LAMBDALABS_REGION_EUROPE_CENTRAL_1 "
                + "|| TERRAFORM_LAMBDALABS_REGION_US_EAST_3)");
        assertThat(compute).contains("bool \"gpu_1x_a10 ($0.75/hr) - 1x A10 (24 GB SXM5) [NO CAPACITY]\"\n"
                + "\tdepends on !TERRAFORM_LAMBDALABS_REGION_MANUAL\n");
        assertThat(compute).contains("from $21.50/hr");
        assertThat(compute).contains("\tdefault \"gpu_1x_a10\" if TERRAFORM_LAMBDALABS_INSTANCE_TYPE_GPU_1X_A10\n");
        String location = text(s, "terraform/lambdalabs/kconfigs/Kconfig.location.generated");
        // europe-central-1 maps through the same function as the choice: the kdevops mismatch cannot happen
        assertThat(location).contains(
                "\tdefault \"europe-central-1\" if TERRAFORM_LAMBDALABS_REGION_EUROPE_CENTRAL_1\n");
        // us-west-2 has no capacity but stays listed
        assertThat(location).contains("bool \"us-west-2 - us-west-2 [0 types available]\"");
        assertThat(location).contains("\tdefault TERRAFORM_LAMBDALABS_REGION_US_EAST_1\n");
    }

    private static final Pattern CONFIG = Pattern.compile("^config (\\S+)$", Pattern.MULTILINE);
    private static final Pattern DEFAULT_SYMBOL = Pattern.compile("^\\tdefault ([A-Z0-9_]+)$", Pattern.MULTILINE);
    private static final Pattern MAPPED = Pattern.compile(" if ([A-Z0-9_]+)$", Pattern.MULTILINE);

    @Test
    void everySymbolIsValidAndEveryChoiceMemberIsMappedAndDefaultsExist() {
        RenderedSnapshot s = render(events());
        for (Map.Entry<String, byte[]> file : s.files().entrySet()) {
            if (!file.getKey().startsWith("terraform/")) {
                continue;
            }
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            Set<String> defined = new TreeSet<>();
            Matcher m = CONFIG.matcher(text);
            while (m.find()) {
                assertThat(m.group(1)).as(file.getKey()).matches("^[A-Z0-9_]+$");
                defined.add(m.group(1));
            }
            Set<String> mapped = new TreeSet<>();
            Matcher mm = MAPPED.matcher(text);
            while (mm.find()) {
                mapped.add(mm.group(1));
            }
            String choice = text.substring(text.indexOf("choice"), text.indexOf("endchoice"));
            Matcher members = CONFIG.matcher(choice);
            while (members.find()) {
                assertThat(mapped).as("mapping line for " + members.group(1) + " in " + file.getKey())
                        .contains(members.group(1));
            }
            Matcher d = DEFAULT_SYMBOL.matcher(choice);
            while (d.find()) {
                assertThat(defined).as("choice default in " + file.getKey()).contains(d.group(1));
            }
        }
    }

    @Test
    void gpuIndexListsCheapestPerGpuFirstAcrossClouds() {
        String gpus = text(render(events()), "gpus.yaml");
        int lambdaH100 = gpus.indexOf("offer: \"lambda:us-east-2:-:gpu_8x_h100_sxm5:on-demand\"");
        int awsP5 = gpus.indexOf("offer: \"aws:us-east-2:-:p5.48xlarge:on-demand\"");
        assertThat(lambdaH100).isPositive();
        assertThat(awsP5).isGreaterThan(lambdaH100);
        assertThat(gpus).contains("pricePerGpu: 2.6875");
    }

    @Test
    void indexListsEveryFileWithItsHash() {
        RenderedSnapshot s = render(events());
        String index = new String(SnapshotRenderer.index("catalog", 7, s,
                CatalogModelBuilder.build(new CatalogView().snapshot())), StandardCharsets.UTF_8);
        assertThat(index).contains("revision: 7\n").contains("contentHash: \"" + s.contentHash() + "\"");
        s.hashes().forEach((path, hash) -> assertThat(index).contains("{path: \"" + path + "\", sha256: \"" + hash + "\"}"));
    }

    @Test
    void sanitisesLikeKdevops() {
        assertThat(Text.sanitize("u7i-12tb.224xlarge")).isEqualTo("U7I_12TB_224XLARGE");
        assertThat(Text.sanitize("c7i-flex")).isEqualTo("C7I_FLEX");
        assertThat(Text.sanitize("3tb odd!name")).isEqualTo("_3TB_ODDNAME");
        assertThat(Text.kstring("a \"b\" $(shell,x)")).isEqualTo("a \\\"b\\\" $ (shell,x)");
    }
}
