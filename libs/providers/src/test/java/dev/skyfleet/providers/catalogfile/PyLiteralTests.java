package dev.skyfleet.providers.catalogfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyLiteralTests {

    @Test
    void parsesSkyPilotGpuInfo() {
        Object parsed = PyLiteral.parse("{'Gpus': [{'Name': 'A100', 'Manufacturer': 'NVIDIA', 'Count': 8.0, "
                + "'Workloads': ['ml-ai', 'graphics'], 'MemoryInfo': {'SizeInMiB': 40960}}], 'TotalGpuMemoryInMiB': 40960}");

        Map<?, ?> gpu = (Map<?, ?>) ((List<?>) ((Map<?, ?>) parsed).get("Gpus")).get(0);
        assertThat(gpu.get("Name")).isEqualTo("A100");
        assertThat((BigDecimal) gpu.get("Count")).isEqualByComparingTo("8");
        assertThat(gpu.get("Workloads")).isEqualTo(List.of("ml-ai", "graphics"));
        assertThat(((Map<?, ?>) gpu.get("MemoryInfo")).get("SizeInMiB")).isEqualTo(new BigDecimal("40960"));
    }

    @Test
    void parsesPythonConstantsTuplesEscapesAndTrailingCommas() {
        Object parsed = PyLiteral.parse("{\"a\": True, 'b': False, 'c': None, 'd': (1, -2.5e1,), 'e': 'it\\'s',}");

        Map<?, ?> map = (Map<?, ?>) parsed;
        assertThat(map.get("a")).isEqualTo(Boolean.TRUE);
        assertThat(map.get("b")).isEqualTo(Boolean.FALSE);
        assertThat(map.containsKey("c")).isTrue();
        assertThat(map.get("c")).isNull();
        assertThat((List<?>) map.get("d")).hasSize(2);
        assertThat((BigDecimal) ((List<?>) map.get("d")).get(1)).isEqualByComparingTo("-25");
        assertThat(map.get("e")).isEqualTo("it's");
    }

    @Test
    void rejectsWhatIsNotALiteral() {
        assertThatThrownBy(() -> PyLiteral.parse("{'a': }")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PyLiteral.parse("{'a': 1} extra")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PyLiteral.parse("'open")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void csvLineHandlesQuotedCommasAndEscapedQuotes() {
        List<String> fields = CsvLine.split("a,\"b, c\",\"say \"\"hi\"\"\",,e", null);

        assertThat(fields).containsExactly("a", "b, c", "say \"hi\"", "", "e");
    }
}
