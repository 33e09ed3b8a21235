package dev.skyfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTests {

    @Test
    void aServiceEnsuresWhatItProducesWhatItConsumesAndTheDeadLetterTopicsOfWhatItConsumes() {
        List<TopicSpec> topics = Topics.forService(List.of(Topics.INSTANCES, Topics.PROVISIONING_COMMANDS),
                List.of(Topics.PROVISIONING_COMMANDS, Topics.OFFERS));

        assertThat(topics).extracting(TopicSpec::name).containsExactly("skyfleet.instances.v1",
                "skyfleet.provisioning.commands.v1", "skyfleet.offers.v1", "skyfleet.provisioning.commands.v1.dlq",
                "skyfleet.offers.v1.dlq");
        assertThat(topics.get(2)).isEqualTo(Topics.OFFERS);
    }

    @Test
    void deadLetterTopicsDeleteAndCompactedTopicsKeepRemovals() {
        assertThat(Topics.OFFERS.configs()).containsEntry("cleanup.policy", "compact")
                .containsKey("delete.retention.ms");
        assertThat(Topics.OFFERS.deadLetter().configs()).containsEntry("cleanup.policy", "delete")
                .containsKey("retention.ms");
        assertThat(Topics.PROVISIONING_COMMANDS.configs()).containsEntry("retention.ms", "604800000");
    }
}
