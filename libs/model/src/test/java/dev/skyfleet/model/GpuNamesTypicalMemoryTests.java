package dev.skyfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuNamesTypicalMemoryTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            A10,     24
            A100,    40
            H100,    80
            l4,      24
            L40S,    48
            V100,    16
            MI300X,  192
            NOPE9000, -
            """)
    void typicalMemoryIsTheSmallestNominalSize(String model, Integer expected) {
        if (expected == null) {
            assertThat(GpuNames.typicalMemoryGb(model)).isNull();
        } else {
            assertThat(GpuNames.typicalMemoryGb(model)).isEqualByComparingTo(String.valueOf(expected));
        }
    }
}
