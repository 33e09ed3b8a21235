package dev.skyfleet.providers.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.Interconnect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LambdaGpuTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            1x A10 (24 GB PCIe)      | 1 | A10     | 24  | PCIe | x86_64
            1x NVIDIA A10 (24 GB)    | 1 | A10     | 24  | -    | x86_64
            1x A100 (40 GB PCIe)     | 1 | A100    | 40  | PCIe | x86_64
            8x A100 (40 GB SXM4)     | 8 | A100    | 40  | SXM4 | x86_64
            8x A100 (80 GB SXM4)     | 8 | A100    | 80  | SXM4 | x86_64
            1x H100 (80 GB PCIe)     | 1 | H100    | 80  | PCIe | x86_64
            8x H100 (80 GB SXM5)     | 8 | H100    | 80  | SXM5 | x86_64
            1x GH200 (96 GB)         | 1 | GH200   | 96  | -    | arm64
            8x B200 (180 GB SXM6)    | 8 | B200    | 180 | SXM6 | x86_64
            8x Tesla V100 (16 GB)    | 8 | V100    | 16  | -    | x86_64
            1x RTX 6000 (24 GB)      | 1 | RTX6000 | 24  | -    | x86_64
            1x A6000 (48 GB)         | 1 | A6000   | 48  | -    | x86_64
            """)
    void parsesRealDescriptions(String description, int count, String model, int memoryGb, String interconnect,
            String arch) {
        Gpu gpu = LambdaGpu.parse(description, null, null);

        assertThat(gpu.model()).isEqualTo(model);
        assertThat(gpu.count()).isEqualByComparingTo(String.valueOf(count));
        assertThat(gpu.memoryGb()).isEqualByComparingTo(String.valueOf(memoryGb));
        assertThat(gpu.interconnect()).isEqualTo(Interconnect.fromWire(interconnect));
        assertThat(LambdaGpu.architecture(gpu)).isEqualTo(Architecture.fromWire(arch));
        assertThat(gpu.raw()).isEqualTo(description);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            4x CPU General (16 GiB) | N/A
            4x CPU General (16 GB)  | CPU
            """)
    void cpuTypesHaveNoGpu(String description, String gpuDescription) {
        assertThat(LambdaGpu.parse(description, gpuDescription, null)).isNull();
        assertThat(LambdaGpu.parse(description, gpuDescription, 0)).isNull();
    }

    @org.junit.jupiter.api.Test
    void specsGpuCountWinsOverTheDescription() {
        assertThat(LambdaGpu.parse("1x H100 (80 GB SXM5)", null, 2).count()).isEqualByComparingTo("2");
    }

    @org.junit.jupiter.api.Test
    void fallsBackToGpuDescriptionWhenDescriptionIsFreeText() {
        Gpu gpu = LambdaGpu.parse("Eight H100 GPUs", "H100 (80 GB SXM5)", 8);
        assertThat(gpu.model()).isEqualTo("H100");
        assertThat(gpu.count()).isEqualByComparingTo("8");
        assertThat(gpu.interconnect()).isEqualTo(Interconnect.SXM5);
    }
}
