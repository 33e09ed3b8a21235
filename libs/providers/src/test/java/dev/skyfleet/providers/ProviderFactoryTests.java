package dev.skyfleet.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.skyfleet.providers.aws.AwsEc2Provider;
import dev.skyfleet.providers.catalogfile.CatalogFileProvider;
import dev.skyfleet.providers.lambda.LambdaCloudProvider;
import dev.skyfleet.providers.sandbox.SandboxProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderFactoryTests {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T18:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutCredentialsOnlySandboxAndBundledCatalogAreBuiltAndTheRestSayWhy() {
        try (ProviderRegistry registry = ProviderFactory.build(ProvidersConfig.fromMap(Map.of(), Map.of()), CLOCK)) {
            assertThat(registry.get("sandbox")).get().isInstanceOf(SandboxProvider.class);
            assertThat(registry.get("gcp")).get().isInstanceOf(CatalogFileProvider.class);
            assertThat(registry.get("lambda")).get().as("bundled lambda catalog file when no live key")
                    .isInstanceOf(CatalogFileProvider.class);
            assertThat(registry.unconfigured()).containsKeys("shadeform", "aws")
                    .containsEntry("lambda", "no API key (lambda.api-key / LAMBDA_API_KEY)");
        }
    }

    @Test
    void liveLambdaIsBuiltFromTheEnvironmentKeyAndShadowsTheCatalogFile() {
        WireMockServer wire = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
        try {
            wire.stubFor(get(urlPathEqualTo("/api/v1/instance-types"))
                    .withHeader("Authorization", equalTo("Bearer env-key-123"))
                    .willReturn(aResponse().withStatus(200).withBody("{\"data\": {}}")));
            ProvidersConfig config = ProvidersConfig.fromMap(
                    Map.of("lambda.base-url", "http://127.0.0.1:" + wire.port(), "sandbox.enabled", "false"),
                    Map.of("LAMBDA_API_KEY", "env-key-123"));

            try (ProviderRegistry registry = ProviderFactory.build(config, CLOCK)) {
                CloudProvider lambda = registry.get("lambda").orElseThrow();
                assertThat(lambda).isInstanceOf(LambdaCloudProvider.class);
                assertThat(lambda.listOffers()).isEmpty();
                assertThat(lambda.listRegions()).isNotEmpty();
                assertThat(registry.unconfigured()).containsKey("lambda-catalog-file").containsEntry("sandbox",
                        "disabled");
                assertThat(registry.toString()).doesNotContain("env-key-123");
            }
        } finally {
            wire.stop();
        }
    }

    @Test
    void awsIsEnabledByAnAwsProfileInTheEnvironment() {
        try (ProviderRegistry registry = ProviderFactory.build(
                ProvidersConfig.fromMap(Map.of("catalog.enabled", "false"), Map.of("AWS_PROFILE", "dev")), CLOCK)) {
            assertThat(registry.get("aws")).get().isInstanceOf(AwsEc2Provider.class);
            assertThat(registry.unconfigured()).doesNotContainKey("aws").containsKey("catalog-files");
        }
    }

    @Test
    void catalogDirectoryReplacesTheBundledSnapshot(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("mycloud"));
        Files.writeString(dir.resolve("mycloud").resolve("vms.csv"), "InstanceType,Price,Region\nt1,1.0,r1\n");

        try (ProviderRegistry registry = ProviderFactory.build(
                ProvidersConfig.fromMap(Map.of("catalog.dir", dir.toString()), Map.of()), CLOCK)) {
            assertThat(registry.get("mycloud")).isPresent();
            assertThat(registry.get("gcp")).isEmpty();
        }
    }

    @Test
    void sandboxSettingsAreReadFromTheMap() {
        ProvidersConfig config = ProvidersConfig.fromMap(Map.of("sandbox.seed", "99", "sandbox.launch-delay", "2.5s",
                "sandbox.availability-percent", "100", "http.request-timeout", "PT3S"), Map.of());

        assertThat(config.sandbox().seed()).isEqualTo(99);
        assertThat(config.sandbox().launchDelay()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.http().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        try (ProviderRegistry registry = ProviderFactory.build(config, CLOCK)) {
            SandboxProvider sandbox = (SandboxProvider) registry.get("sandbox").orElseThrow();
            assertThat(sandbox.config().seed()).isEqualTo(99);
            assertThat(sandbox.listOffers()).allMatch(o -> o.available());
        }
    }

    @Test
    void configToStringNeverShowsKeys() {
        ProvidersConfig config = ProvidersConfig.fromMap(Map.of("lambda.api-key", "lk-secret-1",
                "shadeform.api-key", "sk-secret-2", "aws.access-key-id", "AKIA1", "aws.secret-access-key", "aws-secret-3"),
                Map.of());

        assertThat(config.toString()).doesNotContain("lk-secret-1", "sk-secret-2", "aws-secret-3");
    }

    @Test
    void awsDefaultImageIsReadFromTheFlatMap() {
        ProvidersConfig config = ProvidersConfig.fromMap(Map.of("aws.default-image-id", "ami-0123456789abcdef0"),
                Map.of());

        assertThat(config.aws().defaultImageId()).isEqualTo("ami-0123456789abcdef0");
        assertThat(ProvidersConfig.fromMap(Map.of(), Map.of()).aws().defaultImageId()).isNull();
    }
}
