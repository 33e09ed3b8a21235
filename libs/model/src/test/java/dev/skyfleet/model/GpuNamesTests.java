package dev.skyfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuNamesTests {

    /** Rows from reference/provider-model.md §7 and skypilot-catalog.md §4: raw → model, memory, interconnect. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            H100                    | H100      | null | null
            h100                    | H100      | null | null
            NVIDIA H100             | H100      | null | null
            H100-80GB               | H100      | 80   | null
            NVIDIA H100 80GB        | H100      | 80   | null
            A10                     | A10       | null | null
            NVIDIA A10              | A10       | null | null
            A100_80G                | A100      | 80   | null
            A100-80GB               | A100      | 80   | null
            A100-80GB-SXM           | A100      | 80   | SXM
            H100_PCIE_80GB          | H100      | 80   | PCIe
            H100_SXM5_80GB          | H100      | 80   | SXM5
            A100_SXM4_40GB          | A100      | 40   | SXM4
            H100_NVLINK_80GB        | H100      | 80   | NVLink
            H100-NVL                | H100      | null | NVLink
            H100_SXM                | H100      | null | SXM
            H100-MEGA               | H100      | null | null
            NVIDIA-H100-80GB-HBM3   | H100      | 80   | null
            Tesla V100              | V100      | null | null
            TeslaV100               | V100      | null | null
            TeslaT4                 | T4        | null | null
            V100-32GB               | V100      | 32   | null
            QRTX6000                | RTX6000   | null | null
            RTX 6000                | RTX6000   | null | null
            RTX 4090                | RTX4090   | null | null
            RTXA6000                | A6000     | null | null
            RTX A6000               | A6000     | null | null
            A6000                   | A6000     | null | null
            RTX6000-Ada             | RTX6000ADA | null | null
            RTX PRO Server 6000     | RTXPRO6000 | null | null
            A10G                    | A10G      | null | null
            L40S                    | L40S      | null | null
            GH200                   | GH200     | null | null
            B200                    | B200      | null | null
            MI300X                  | MI300X    | null | null
            GAUDI2                  | GAUDI2    | null | null
            nvidia-tesla-a100       | A100      | null | null
            nvidia-a100-80gb        | A100      | 80   | null
            nvidia-l4               | L4        | null | null
            """)
    void normalisesEverySpelling(String raw, String model, String memoryGb, String interconnect) {
        GpuNames.ParsedName parsed = GpuNames.parse(raw);

        assertThat(parsed.model()).isEqualTo(model);
        assertThat(parsed.memoryGb()).isEqualTo(memoryGb == null ? null : new BigDecimal(memoryGb));
        assertThat(parsed.interconnect()).isEqualTo(Interconnect.fromWire(interconnect));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            H100, NVIDIA
            MI300X, AMD
            GAUDI2, INTEL
            TPU-V5P, GOOGLE
            """)
    void knowsTheManufacturer(String model, GpuManufacturer manufacturer) {
        assertThat(GpuNames.manufacturer(model)).isEqualTo(manufacturer);
    }

    /** AWS reports usable MiB; users compare vendor-stated GB. */
    @ParameterizedTest(name = "{0} {1} MiB → {2} GB")
    @CsvSource(textBlock = """
            L4, 22888, 24
            L40S, 45776, 48
            B200, 183359, 180
            A100, 40960, 40
            A100, 81920, 80
            H100, 81920, 80
            H200, 144384, 141
            UNLISTED, 16384, 16
            """)
    void mapsReportedMebibytesToNominalGigabytes(String model, long mib, int expectedGb) {
        assertThat(GpuNames.nominalMemoryGb(model, mib)).isEqualByComparingTo(BigDecimal.valueOf(expectedGb));
    }

    @org.junit.jupiter.api.Test
    void blankNamesHaveNoModel() {
        assertThat(GpuNames.model(null)).isNull();
        assertThat(GpuNames.model("  ")).isNull();
    }
}
