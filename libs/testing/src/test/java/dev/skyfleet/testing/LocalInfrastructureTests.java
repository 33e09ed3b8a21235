package dev.skyfleet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.messaging.TopicAdmin;
import dev.skyfleet.messaging.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfrastructureTests {

    @Test
    void kafkaCreatesTopicsFromTheirSpecsAndCarriesRecords() throws Exception {
        LocalKafka kafka = KafkaTestResource.kafka();

        List<String> created = TopicAdmin.ensure(kafka.bootstrapServers(), Topics.ALL, (short) 1);
        List<String> again = TopicAdmin.ensure(kafka.bootstrapServers(), Topics.ALL, (short) 1);

        assertThat(created).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(t -> t.name()).toList());
        assertThat(again).isEmpty();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            var offers = admin.describeTopics(List.of(Topics.OFFERS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.OFFERS.name());
            assertThat(offers.partitions()).hasSize(Topics.OFFERS.partitions());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.OFFERS.name());
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            ConfigResource commands = new ConfigResource(ConfigResource.Type.TOPIC,
                    Topics.PROVISIONING_COMMANDS.name());
            Config commandConfig = admin.describeConfigs(List.of(commands)).all().get(30, TimeUnit.SECONDS)
                    .get(commands);
            assertThat(commandConfig.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(commandConfig.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
        }
        try (KafkaCompanion companion = new KafkaCompanion(kafka.bootstrapServers())) {
            companion.produceStrings()
                    .fromRecords(new ProducerRecord<>(Topics.PROVIDER_STATUS.name(), "sandbox", "{\"x\":1}"))
                    .awaitCompletion();
            var records = companion.consumeStrings().fromTopics(Topics.PROVIDER_STATUS.name())
                    .awaitRecords(1, Duration.ofSeconds(30)).getRecords();
            assertThat(records).extracting(r -> r.key()).contains("sandbox");
        }
    }

    @Test
    void persistentPostgresKeepsItsDataAcrossARestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        int port = LocalKafka.freePort();
        try (LocalPostgres postgres = LocalPostgres.persistent(data, port)) {
            postgres.ensureDatabase("catalog");
            postgres.ensureDatabase("catalog");
            execute(postgres.jdbcUrl("catalog"), "create table kept (v text); insert into kept values ('hello')");
        }
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();

        try (LocalPostgres postgres = LocalPostgres.persistent(data, port)) {
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("catalog"), LocalPostgres.USER,
                    LocalPostgres.PASSWORD); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("hello");
            }
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
