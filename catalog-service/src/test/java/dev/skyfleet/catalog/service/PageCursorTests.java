package dev.skyfleet.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageCursorTests {
    @Test
    void roundTripsKeysAndAnIdContainingColons() {
        PageCursor cursor = new PageCursor("gpuMemory", List.of(new BigDecimal("640"), new BigDecimal("23.92")),
                "aws:us-east-1:use1-az4:p5.48xlarge:spot");
        PageCursor decoded = PageCursor.decode(cursor.encode(), "gpuMemory", 2);
        assertThat(decoded).isEqualTo(cursor);
    }

    @Test
    void refusesCursorsOfAnotherSortOrGarbage() {
        String price = new PageCursor("price", List.of(BigDecimal.ONE), "a:b:-:c:spot").encode();
        assertThatThrownBy(() -> PageCursor.decode(price, "gpuMemory", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageCursor.decode("%%%", "price", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageCursor.decode("cHJpY2UKYWJjCmlk", "price", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
