package dev.skyfleet.poller.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.poller.config.ProvidersConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderWiringTests {

    private static ProvidersConfig config(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of("skyfleet.providers.sandbox.enabled", "false",
                "skyfleet.providers.catalog.enabled", "false"));
        all.putAll(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ProvidersConfig.class)
                .withSources(new PropertiesConfigSource(all, "test", 500)).build();
        return config.getConfigMapping(ProvidersConfig.class);
    }

    private static FeedDefinition feed(java.util.List<FeedDefinition> feeds, String id) {
        return feeds.stream().filter(f -> f.providerId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void providersWithoutCredentialsAreUnconfiguredWithTheVariableToSet() {
        var feeds = new ProviderWiring(config(Map.of()), new SecretRedactor(), java.time.Clock.systemUTC()).feeds();

        assertThat(feed(feeds, "lambda").usable()).isFalse();
        assertThat(feed(feeds, "lambda").unavailableReason()).contains("SKYFLEET_LAMBDA_API_KEY");
        assertThat(feed(feeds, "shadeform").unavailableReason()).contains("SKYFLEET_SHADEFORM_API_KEY");
        assertThat(feed(feeds, "aws").unavailableReason()).contains("SKYFLEET_AWS_ENABLED");
    }

    @Test
    void apiKeysFromTheEnvironmentOrAFileEnableTheReaderAndAreRedacted(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("shadeform.key");
        Files.writeString(keyFile, "sf-file-key-123456\n");
        SecretRedactor redactor = new SecretRedactor();

        var feeds = new ProviderWiring(config(Map.of("skyfleet.providers.lambda.api-key", "secret_lambda_abcdef",
                "skyfleet.providers.shadeform.api-key-file", keyFile.toString())), redactor, java.time.Clock.systemUTC()).feeds();

        assertThat(feed(feeds, "lambda").usable()).isTrue();
        assertThat(feed(feeds, "shadeform").usable()).isTrue();
        assertThat(redactor.redact("Bearer secret_lambda_abcdef / sf-file-key-123456"))
                .isEqualTo("Bearer **** / ****");
    }

    @Test
    void bundledCatalogFilesAndTheSandboxAreOnWithoutCredentials() {
        var feeds = new ProviderWiring(config(Map.of("skyfleet.providers.sandbox.enabled", "true",
                "skyfleet.providers.catalog.enabled", "true")), new SecretRedactor(), java.time.Clock.systemUTC())
                .feeds();

        assertThat(feed(feeds, "sandbox").source()).isEqualTo(dev.skyfleet.model.OfferSource.SIMULATOR);
        assertThat(feeds).filteredOn(f -> f.source() == dev.skyfleet.model.OfferSource.CATALOG_FILE)
                .extracting(FeedDefinition::providerId).contains("gcp", "azure", "lambda")
                .allSatisfy(id -> assertThat(id).isLowerCase());
        FeedDefinition gcp = feeds.stream().filter(f -> f.providerId().equals("gcp") && !f.live()).findFirst()
                .orElseThrow();
        assertThat(gcp.fingerprint().get()).startsWith("classpath:").isEqualTo(gcp.fingerprint().get());
    }

    @Test
    void aCatalogDirectoryGivesOneProviderPerCloudWithAFingerprintThatFollowsTheFile(@TempDir Path dir)
            throws Exception {
        Path vms = Files.createDirectories(dir.resolve("GCP")).resolve("vms.csv");
        Files.writeString(vms, "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,"
                + "AvailabilityZone,Price,SpotPrice\ne2-medium,2.0,4.0,,,,us-east1,us-east1-b,0.0335,0.01\n");
        var feeds = new ProviderWiring(config(Map.of("skyfleet.providers.catalog.enabled", "true",
                "skyfleet.providers.catalog.directory", dir.toString())), new SecretRedactor(),
                java.time.Clock.systemUTC()).feeds();

        FeedDefinition gcp = feed(feeds, "gcp");
        String before = gcp.fingerprint().get();
        Files.writeString(vms, Files.readString(vms) + "e2-medium,2.0,4.0,,,,us-east1,us-east1-c,0.0335,0.01\n");
        assertThat(gcp.fingerprint().get()).isNotEqualTo(before);
        assertThat(gcp.provider().listOffers()).hasSize(4);
    }
}
