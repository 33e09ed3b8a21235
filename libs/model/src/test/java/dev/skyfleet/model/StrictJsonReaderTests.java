package dev.skyfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

class StrictJsonReaderTests {
    record Constraints(String gpu, Integer gpuCount) {
    }

    @Test
    void refusesAnUnknownFieldAndNamesIt() {
        var reader = new StrictJsonReader().apply(Json.mapper(), Constraints.class);

        assertThatThrownBy(() -> reader.readValue("{\"gpu\":\"H100\",\"gpuCont\":8}"))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .satisfies(e -> assertThat(((UnrecognizedPropertyException) e).getPropertyName()).isEqualTo("gpuCont"));
    }

    @Test
    void readsKnownFieldsAndLeavesTheSharedMapperLenient() throws Exception {
        var reader = new StrictJsonReader().apply(Json.mapper(), Constraints.class);

        Constraints read = reader.readValue("{\"gpu\":\"H100\",\"gpuCount\":8}");

        assertThat(read).isEqualTo(new Constraints("H100", 8));
        assertThat(Json.read("{\"gpu\":\"H100\",\"extra\":1}", Constraints.class)).isEqualTo(new Constraints("H100", null));
    }
}
