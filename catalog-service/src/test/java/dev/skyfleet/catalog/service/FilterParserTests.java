package dev.skyfleet.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTests {
    private static FilterParser.Raw raw(String gpu, String usage, String available) {
        return new FilterParser.Raw(List.of("Lambda,aws", "aws"), null, List.of("us-east-1"), gpu, "8", null, null,
                null, null, "aarch64", usage, available, "12.5");
    }

    @Test
    void normalisesNamesGpuUsageAndArchitecture() {
        OfferFilter filter = FilterParser.parse(raw("NVIDIA H100-80GB", "on_demand", "TRUE"));
        assertThat(filter.providers()).containsExactly("lambda", "aws");
        assertThat(filter.regions()).containsExactly("us-east-1");
        assertThat(filter.gpu()).isEqualTo("H100");
        assertThat(filter.gpuCount()).isEqualByComparingTo("8");
        assertThat(filter.arch()).isEqualTo("arm64");
        assertThat(filter.usage()).isEqualTo("on-demand");
        assertThat(filter.available()).isTrue();
        assertThat(filter.maxPrice()).isEqualByComparingTo(new BigDecimal("12.5"));
    }

    @Test
    void rejectsInvalidValuesNamingTheParameter() {
        assertThatThrownBy(() -> FilterParser.parse(raw("H100", "reserved", null)))
                .isInstanceOf(InvalidParameterException.class).extracting("parameter").isEqualTo("usage");
        assertThatThrownBy(() -> FilterParser.parse(raw("H100", null, "yes")))
                .isInstanceOf(InvalidParameterException.class).extracting("parameter").isEqualTo("available");
        assertThatThrownBy(() -> FilterParser.parse(raw("H100'; drop table offer;--", null, null)))
                .isInstanceOf(InvalidParameterException.class).extracting("parameter").isEqualTo("gpu");
        assertThatThrownBy(() -> FilterParser.names("region", List.of("a b")))
                .isInstanceOf(InvalidParameterException.class).extracting("parameter").isEqualTo("region");
        assertThatThrownBy(() -> FilterParser.count("gpuCount", "100000"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> FilterParser.kinds("kind", List.of("price", "exploded")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("exploded");
    }

    @Test
    void boundsPageSizes() {
        assertThat(FilterParser.limit("limit", null, 50, 500)).isEqualTo(50);
        assertThat(FilterParser.limit("limit", "500", 50, 500)).isEqualTo(500);
        assertThatThrownBy(() -> FilterParser.limit("limit", "501", 50, 500))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> FilterParser.limit("limit", "0", 50, 500))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void listsAreBounded() {
        List<String> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "p" + i).toList();
        assertThatThrownBy(() -> FilterParser.names("provider", many)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at most 50");
    }
}
