package dev.skyfleet.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.GpuManufacturer;
import dev.skyfleet.model.Interconnect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsGpuTests {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            p4d.24xlarge   | A100                | 8 | 40960  | A100       | 8     | 40  | SXM4
            p4de.24xlarge  | A100                | 8 | 81920  | A100       | 8     | 80  | SXM4
            p5.48xlarge    | H100                | 8 | 81920  | H100       | 8     | 80  | SXM5
            p5e.48xlarge   | NVIDIA              | 8 | 144384 | H200       | 8     | 141 | SXM5
            p5en.48xlarge  | H200                | 8 | 144384 | H200       | 8     | 141 | SXM5
            p3dn.24xlarge  | V100                | 8 | 32768  | V100       | 8     | 32  | SXM
            g6e.xlarge     | L40S                | 1 | 45776  | L40S       | 1     | 48  | PCIe
            g6.xlarge      | L4                  | 1 | 22888  | L4         | 1     | 24  | PCIe
            g6f.2xlarge    | L4                  | 0 | 5722   | L4         | 0.25  | 24  | PCIe
            gr6f.4xlarge   | L4                  | 1 | 11444  | L4         | 0.5   | 24  | PCIe
            p6-b200.48xlarge | B200              | 8 | 183359 | B200       | 8     | 180 | SXM6
            g7e.2xlarge    | RTX PRO Server 6000 | 1 | 97871  | RTXPRO6000 | 1     | 96  | PCIe
            """)
    void appliesTheCatalogQuirks(String type, String name, int count, int mib, String model, String expectedCount,
            int memoryGb, String interconnect) {
        Gpu gpu = AwsGpu.map(type, name, "NVIDIA", count, mib);

        assertThat(gpu.model()).isEqualTo(model);
        assertThat(gpu.count()).isEqualByComparingTo(expectedCount);
        assertThat(gpu.memoryGb()).isEqualByComparingTo(String.valueOf(memoryGb));
        assertThat(gpu.interconnect()).isEqualTo(Interconnect.fromWire(interconnect));
        assertThat(gpu.manufacturer()).isEqualTo(GpuManufacturer.NVIDIA);
        assertThat(gpu.raw()).isEqualTo(name);
    }

    @org.junit.jupiter.api.Test
    void noGpuWhenCountAndMemoryAreZero() {
        assertThat(AwsGpu.map("m7a.large", null, null, null, null)).isNull();
        assertThat(AwsGpu.map("g5.xlarge", "A10G", "NVIDIA", 0, 0)).isNull();
    }
}
