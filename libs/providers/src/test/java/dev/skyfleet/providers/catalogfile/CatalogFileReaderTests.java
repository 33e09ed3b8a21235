package dev.skyfleet.providers.catalogfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.GpuManufacturer;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Interconnect;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogFileReaderTests {
    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

    static CatalogFileData read(String cloud) {
        var stream = CatalogFileReaderTests.class.getResourceAsStream("/catalogfile/" + cloud + "/vms.csv");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return CatalogFileReader.read(cloud, in, NOW);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, InstanceTypeSpec> types(CatalogFileData data) {
        return data.instanceTypes().stream().collect(Collectors.toMap(InstanceTypeSpec::name, Function.identity()));
    }

    static Map<String, Offer> offers(CatalogFileData data) {
        return data.offers().stream().collect(Collectors.toMap(Offer::id, Function.identity()));
    }

    @Test
    void vastZeroSpotPriceMeansNoSpotOfferAndTotalMemoryIsDividedByCount() {
        CatalogFileData vast = read("vast");

        assertThat(vast.offers()).isNotEmpty().allMatch(o -> o.usage() == UsageClass.ON_DEMAND);
        Map<String, InstanceTypeSpec> types = types(vast);
        assertThat(types.get("1x-H200-32-65536").gpu().memoryGb()).isEqualByComparingTo("141");
        assertThat(types.get("2x-H200-32-65536").gpu().memoryGb()).isEqualByComparingTo("141");
        assertThat(types.get("2x-H200-32-65536").gpu().count()).isEqualByComparingTo("2");
        assertThat(types.get("4x-B200-32-65536").gpu().memoryGb()).isEqualByComparingTo("180");
        assertThat(offers(vast).get("vast:France, FR, EU:-:2x-H200-32-65536:on-demand").pricePerHour())
                .isEqualTo(Price.usd("5.18"));
    }

    @Test
    void vastMarketplaceNamesAreNormalised() {
        Map<String, InstanceTypeSpec> types = types(read("vast"));

        assertThat(types.values()).extracting(t -> t.gpu().model()).contains("V100", "RTX6000ADA", "RTX4090", "H100");
        assertThat(types.get("8x-Tesla_V100-32-65536").gpu().memoryGb()).as("131072 MiB total / 8")
                .isEqualByComparingTo("16");
        assertThat(types.get("1x-H100_NVL-32-65536").gpu().memoryGb()).isEqualByComparingTo("94");
        assertThat(types.get("1x-H100_NVL-32-65536").gpu().interconnect()).isEqualTo(Interconnect.NVLINK);
        assertThat(types.get("8x-Tesla_V100-32-65536").gpu().interconnect()).isNull();
    }

    @Test
    void runpodMemoryWrittenAsGigabytesIsUnitCorrected() {
        CatalogFileData runpod = read("runpod");

        Gpu gpu = runpod.instanceTypes().get(0).gpu();
        assertThat(gpu.model()).isEqualTo("RTX2000ADA");
        assertThat(gpu.memoryGb()).isEqualByComparingTo("16");
        assertThat(gpu.count()).isEqualByComparingTo("3");
        assertThat(gpu.manufacturer()).isEqualTo(GpuManufacturer.NVIDIA);
        assertThat(runpod.offers()).extracting(Offer::zone).doesNotContainNull();
        assertThat(runpod.offers()).filteredOn(o -> o.usage() == UsageClass.SPOT).isNotEmpty();
    }

    @Test
    void lambdaPerGpuMemoryIsUsedNotTheMislabelledTotal() {
        Map<String, InstanceTypeSpec> types = types(read("lambda"));

        Gpu a100 = types.get("gpu_8x_a100_80gb_sxm4").gpu();
        assertThat(a100.model()).isEqualTo("A100");
        assertThat(a100.memoryGb()).isEqualByComparingTo("80");
        assertThat(a100.totalMemoryGb()).isEqualByComparingTo("640");
        assertThat(types.get("gpu_1x_gh200").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(types.get("gpu_1x_gh200").gpu().memoryGb()).isEqualByComparingTo("96");
        assertThat(types.get("cpu_4x_generalx").gpu()).isNull();
    }

    @Test
    void formFactorIsReadFromSkuNamesWhenTheAcceleratorNameLacksIt() {
        Map<String, InstanceTypeSpec> fluidstack = types(read("fluidstack"));
        Map<String, InstanceTypeSpec> lambda = types(read("lambda"));

        assertThat(fluidstack.get("H100_PCIE_80GB::1").gpu().interconnect()).isEqualTo(Interconnect.PCIE);
        assertThat(lambda.get("gpu_8x_h100_sxm5").gpu().interconnect()).isEqualTo(Interconnect.SXM5);
        assertThat(lambda.get("gpu_1x_h100_pcie").gpu().interconnect()).isEqualTo(Interconnect.PCIE);
        assertThat(CatalogFileReader.interconnectInName("Standard_ND96asr_v4")).isNull();
        assertThat(CatalogFileReader.interconnectInName("a3-megagpu-8g")).isNull();
    }

    @Test
    void cudoStringCountIsCoerced() {
        CatalogFileData cudo = read("cudo");

        assertThat(cudo.instanceTypes()).allSatisfy(t -> {
            assertThat(t.gpu()).isNotNull();
            assertThat(t.gpu().count()).isEqualByComparingTo("1");
        });
        assertThat(types(cudo).get("ice-lake-a40-compute_1x2v4gb").gpu().memoryGb()).isEqualByComparingTo("48");
    }

    @Test
    void cudoCountFromGpuInfoWhenTheColumnIsEmpty() {
        String csv = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region,GpuInfo,SpotPrice\n"
                + "x-a40,A40,,2,4,0.37,ca-montreal-3,\"{'Gpus': [{'Name': 'A40', 'Manufacturer': 'NVIDIA', "
                + "'Count': '2.0', 'MemoryInfo': {'SizeInMiB': 49152}}], 'TotalGpuMemoryInMiB': 98304}\",\n";

        CatalogFileData data = CatalogFileReader.read("cudo", new BufferedReader(new StringReader(csv)), NOW);

        assertThat(data.instanceTypes().get(0).gpu().count()).isEqualByComparingTo("2");
    }

    @Test
    void azureUnquotedGenerationListDoesNotShiftColumns() {
        CatalogFileData azure = read("azure");
        Map<String, Offer> offers = offers(azure);

        Offer b12 = offers.get("azure:eastus:-:Standard_B12ms:on-demand");
        assertThat(b12.pricePerHour()).isEqualTo(Price.usd("0.499"));
        assertThat(b12.region()).isEqualTo("eastus");
        assertThat(offers).doesNotContainKey("azure:eastus:-:Standard_B12ms:spot");
        assertThat(azure.skippedRows()).isZero();
        Gpu a10 = types(azure).get("Standard_NV6ads_A10_v5").gpu();
        assertThat(a10.count()).isEqualByComparingTo("0.167");
        assertThat(a10.memoryGb()).as("bare name: typical size").isEqualByComparingTo("24");
        assertThat(types(azure).get("Standard_NC24ads_A100_v4").gpu().memoryGb()).isEqualByComparingTo("80");
        assertThat(types(azure).get("Standard_D8ps_v5").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(types(azure).get("Standard_B12ms").architecture()).isEqualTo(Architecture.X86_64);
        assertThat(offers.get("azure:eastus:-:Standard_NV6ads_A10_v5:spot").pricePerHour())
                .isEqualTo(Price.usd("0.083899"));
    }

    @Test
    void gcpAcceleratorOnlyRowsAreSkippedAndJoinedOntoBuiltInGpuFamilies() {
        CatalogFileData gcp = read("gcp");
        Map<String, InstanceTypeSpec> types = types(gcp);
        Map<String, Offer> offers = offers(gcp);

        assertThat(types).containsOnlyKeys("a2-highgpu-1g", "g2-standard-24", "g2-standard-4", "g2-standard-8",
                "n2-standard-8", "t2a-standard-4");
        assertThat(offers.get("gcp:us-central1:us-central1-f:g2-standard-8:on-demand").pricePerHour())
                .as("no L4 price row in that zone: total unknown, never host-only").isNull();
        assertThat(types.get("g2-standard-8").gpu().model()).isEqualTo("L4");
        assertThat(gcp.skippedRows()).isEqualTo(3);
        Gpu l4 = types.get("g2-standard-4").gpu();
        assertThat(l4.model()).isEqualTo("L4");
        assertThat(l4.count()).isEqualByComparingTo("1");
        assertThat(l4.memoryGb()).isEqualByComparingTo("24");
        assertThat(types.get("g2-standard-24").gpu().count()).isEqualByComparingTo("2");
        assertThat(types.get("a2-highgpu-1g").gpu().model()).isEqualTo("A100");
        assertThat(types.get("a2-highgpu-1g").gpu().memoryGb()).isEqualByComparingTo("40");
        assertThat(offers.get("gcp:us-central1:us-central1-a:g2-standard-4:on-demand").pricePerHour())
                .as("host 0.14679 + L4 0.56004").isEqualTo(Price.usd("0.70683"));
        assertThat(offers.get("gcp:us-central1:us-central1-a:g2-standard-4:spot").pricePerHour())
                .isEqualTo(Price.usd("0.29598"));
        assertThat(types.get("n2-standard-8").gpu()).isNull();
        assertThat(types.get("t2a-standard-4").architecture()).isEqualTo(Architecture.ARM64);
        assertThat(gcp.offers()).allMatch(o -> o.zone() != null);
    }

    @Test
    void hyperbolicVendorGpuNamesAreNormalised() {
        CatalogFileData hyperbolic = read("hyperbolic");

        assertThat(hyperbolic.instanceTypes()).allSatisfy(t -> {
            assertThat(t.gpu().model()).isEqualTo("H100");
            assertThat(t.gpu().memoryGb()).isEqualByComparingTo("80");
        });
        assertThat(types(hyperbolic).get("1x-H100-75-722").storageGb()).isEqualByComparingTo("859");
    }

    @Test
    void awsFractionalGpuAndArchColumn() {
        CatalogFileData aws = read("aws");

        InstanceTypeSpec g6f = types(aws).get("g6f.2xlarge");
        assertThat(g6f.gpu().count()).isEqualByComparingTo("0.25");
        assertThat(g6f.gpu().model()).isEqualTo("L4");
        assertThat(g6f.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(aws.offers()).filteredOn(o -> o.instanceType().equals("g6f.2xlarge")).extracting(Offer::zone)
                .doesNotContainNull();
    }

    @Test
    void fluidstackAndPaperspaceRowsGiveListedOnDemandOffers() {
        for (String cloud : new String[] {"fluidstack", "paperspace"}) {
            CatalogFileData data = read(cloud);

            assertThat(data.offers()).isNotEmpty().allMatch(Offer::available)
                    .allMatch(o -> o.source() == OfferSource.CATALOG_FILE).allMatch(o -> o.provider().equals(cloud))
                    .allMatch(o -> o.observedAt().equals(NOW));
            assertThat(data.offers()).filteredOn(o -> o.usage() == UsageClass.SPOT).isEmpty();
        }
        assertThat(types(read("paperspace")).get("H100x8").gpu().count()).isEqualByComparingTo("8");
        assertThat(types(read("paperspace")).get("H100x8").gpu().memoryGb()).isEqualByComparingTo("80");
    }

    @Test
    void columnsAreReadByNameInAnyOrder() {
        String csv = "Region,SpotPrice,InstanceType,Price,AcceleratorCount,AcceleratorName,vCPUs,MemoryGiB\r\n"
                + "r1,0.5,t1,1.25,8,H100-SXM,96,1024\r\n";

        CatalogFileData data = CatalogFileReader.read("x", new BufferedReader(new StringReader(csv)), NOW);

        Offer onDemand = offers(data).get("x:r1:-:t1:on-demand");
        assertThat(onDemand.pricePerHour()).isEqualTo(Price.usd("1.25"));
        assertThat(offers(data).get("x:r1:-:t1:spot").pricePerHour()).isEqualTo(Price.usd("0.5"));
        assertThat(onDemand.spec().gpu().interconnect()).isEqualTo(Interconnect.SXM);
        assertThat(onDemand.spec().vcpus()).isEqualByComparingTo("96");
    }

    @Test
    void malformedAndEmptyRowsAreSkippedNotFatal() {
        String csv = "InstanceType,Price,Region\n" + "good,1.0,r1\n" + "nopeprice,abc,r1\n" + "noregion,1.0,\n"
                + "\n" + "colon,1.0,bad:region\n";

        CatalogFileData data = CatalogFileReader.read("x", new BufferedReader(new StringReader(csv)), NOW);

        assertThat(data.offers()).extracting(Offer::id).containsExactlyInAnyOrder("x:r1:-:good:on-demand",
                "x:r1:-:nopeprice:on-demand");
        assertThat(offers(data).get("x:r1:-:nopeprice:on-demand").pricePerHour()).isNull();
        assertThat(data.skippedRows()).isEqualTo(2);
    }
}
