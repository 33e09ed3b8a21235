package dev.skyfleet.providers;

import dev.skyfleet.providers.aws.AwsConfig;
import dev.skyfleet.providers.aws.AwsEc2Provider;
import dev.skyfleet.providers.catalogfile.CatalogFileProvider;
import dev.skyfleet.providers.catalogfile.CatalogFiles;
import dev.skyfleet.providers.http.HttpSettings;
import dev.skyfleet.providers.http.Sleeper;
import dev.skyfleet.providers.lambda.LambdaCloudProvider;
import dev.skyfleet.providers.lambda.LambdaConfig;
import dev.skyfleet.providers.sandbox.SandboxConfig;
import dev.skyfleet.providers.sandbox.SandboxProvider;
import dev.skyfleet.providers.shadeform.ShadeformConfig;
import dev.skyfleet.providers.shadeform.ShadeformProvider;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Builds the enabled providers from a {@link ProvidersConfig}. A provider without credentials is reported in
 * {@link ProviderRegistry#unconfigured()} instead of being built. A catalog-file cloud whose id equals a built live
 * provider (e.g. {@code lambda}) is not built either: the live API is the authority for that cloud.
 *
 * <pre>{@code
 * ProvidersConfig config = ProvidersConfig.fromMap(Map.of("lambda.api-key", key, "sandbox.seed", "7"), System.getenv());
 * try (ProviderRegistry registry = ProviderFactory.build(config, Clock.systemUTC())) {
 *     for (CloudProvider p : registry.providers()) { p.readCatalog(); }
 *     registry.unconfigured(); // {shadeform=no API key (shadeform.api-key / SHADEFORM_API_KEY), aws=disabled}
 * }
 * }</pre>
 */
public final class ProviderFactory {
    private ProviderFactory() {
    }

    public static ProviderRegistry build(ProvidersConfig config, Clock clock) {
        Map<String, CloudProvider> built = new LinkedHashMap<>();
        Map<String, String> unconfigured = new LinkedHashMap<>();
        HttpSettings http = config.http();

        ProvidersConfig.Lambda lambda = config.lambda();
        if (!lambda.enabled()) {
            unconfigured.put(LambdaCloudProvider.ID, "disabled");
        } else if (lambda.apiKey() == null) {
            unconfigured.put(LambdaCloudProvider.ID, "no API key (lambda.api-key / LAMBDA_API_KEY)");
        } else {
            // Lambda allows about 1 request per second per key, whatever the shared settings say
            HttpSettings lambdaHttp = http.withRate(Math.min(http.requestsPerSecond(), 1.0), 1);
            built.put(LambdaCloudProvider.ID, new LambdaCloudProvider(
                    new LambdaConfig(lambda.baseUrl(), lambda.apiKey(), lambda.extraRegions(), lambdaHttp), clock,
                    Sleeper.REAL));
        }

        ProvidersConfig.Shadeform shadeform = config.shadeform();
        if (!shadeform.enabled()) {
            unconfigured.put(ShadeformProvider.ID, "disabled");
        } else if (shadeform.apiKey() == null) {
            unconfigured.put(ShadeformProvider.ID, "no API key (shadeform.api-key / SHADEFORM_API_KEY)");
        } else {
            built.put(ShadeformProvider.ID, new ShadeformProvider(
                    new ShadeformConfig(shadeform.baseUrl(), shadeform.apiKey(), http), clock, Sleeper.REAL));
        }

        ProvidersConfig.Aws aws = config.aws();
        if (!aws.enabled()) {
            unconfigured.put(AwsEc2Provider.ID, "disabled (aws.enabled=false and no AWS_ACCESS_KEY_ID / AWS_PROFILE)");
        } else if ((aws.accessKeyId() == null) != (aws.secretAccessKey() == null)) {
            unconfigured.put(AwsEc2Provider.ID, "incomplete static credentials (need both access key id and secret)");
        } else {
            StaticCredentialsProvider credentials = aws.accessKeyId() == null ? null
                    : StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey().reveal()));
            built.put(AwsEc2Provider.ID, new AwsEc2Provider(new AwsConfig(credentials, aws.regions(), null, null,
                    aws.endpointOverride(), aws.parallelism(), null, 0, aws.defaultImageId()), clock));
        }

        ProvidersConfig.Sandbox sandbox = config.sandbox();
        if (!sandbox.enabled()) {
            unconfigured.put("sandbox", "disabled");
        } else {
            SandboxConfig sc = new SandboxConfig("sandbox", sandbox.seed(), clock, sandbox.launchDelay(), null, null,
                    null, null, sandbox.availabilityPercent(), sandbox.maxInstancesPerRegion());
            built.put(sc.id(), new SandboxProvider(sc));
        }

        ProvidersConfig.Catalog catalog = config.catalog();
        if (!catalog.enabled()) {
            unconfigured.put("catalog-files", "disabled");
        } else {
            List<CatalogFileProvider> files;
            if (catalog.dir() == null) {
                files = CatalogFiles.bundled(clock);
            } else if (!Files.isDirectory(catalog.dir())) {
                unconfigured.put("catalog-files", "catalog.dir " + catalog.dir() + " is not a directory");
                files = List.of();
            } else {
                files = CatalogFiles.fromDirectory(catalog.dir(), clock);
            }
            for (CatalogFileProvider file : files) {
                if (built.containsKey(file.id())) {
                    unconfigured.put(file.id() + "-catalog-file", "shadowed by the live " + file.id() + " provider");
                } else {
                    built.put(file.id(), file);
                }
            }
        }
        return new ProviderRegistry(built, unconfigured);
    }
}
