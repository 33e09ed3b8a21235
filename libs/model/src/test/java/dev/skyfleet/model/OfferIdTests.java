package dev.skyfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OfferIdTests {

    @Test
    void usesADashForAnAbsentZone() {
        OfferId id = new OfferId("lambda", "us-east-1", null, "gpu_8x_h100_sxm5", UsageClass.ON_DEMAND);

        assertThat(id).hasToString("lambda:us-east-1:-:gpu_8x_h100_sxm5:on-demand");
        assertThat(id.zoneOrNull()).isNull();
    }

    @Test
    void parsesWhatItPrints() {
        String text = "aws:us-east-1:us-east-1a:p5.48xlarge:spot";

        OfferId id = OfferId.parse(text);

        assertThat(id.provider()).isEqualTo("aws");
        assertThat(id.zone()).isEqualTo("us-east-1a");
        assertThat(id.instanceType()).isEqualTo("p5.48xlarge");
        assertThat(id.usage()).isEqualTo(UsageClass.SPOT);
        assertThat(id).hasToString(text);
    }

    @Test
    void keepsColonsInsideTheInstanceType() {
        OfferId id = OfferId.parse("fluidstack:norway-1:-:H100_PCIE_80GB::1:on-demand");

        assertThat(id.instanceType()).isEqualTo("H100_PCIE_80GB::1");
        assertThat(id.region()).isEqualTo("norway-1");
    }

    @Test
    void rejectsMalformedIdsWithAReason() {
        assertThatThrownBy(() -> OfferId.parse("lambda:us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider:region:zone:type:usage-class");
        assertThatThrownBy(() -> OfferId.parse("lambda:us-east-1:-:gpu_1x_a10:reserved"))
                .hasMessageContaining("unknown usage class");
        assertThatThrownBy(() -> new OfferId("lam:bda", "r", null, "t", UsageClass.SPOT))
                .hasMessageContaining("provider");
    }
}
