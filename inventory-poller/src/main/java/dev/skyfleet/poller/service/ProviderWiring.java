package dev.skyfleet.poller.service;

import dev.skyfleet.model.OfferSource;
import dev.skyfleet.poller.config.ProvidersConfig;
import dev.skyfleet.providers.Secret;
import dev.skyfleet.providers.aws.AwsConfig;
import dev.skyfleet.providers.catalogfile.CatalogFileProvider;
import dev.skyfleet.providers.catalogfile.CatalogFiles;
import dev.skyfleet.providers.aws.AwsEc2Provider;
import dev.skyfleet.providers.lambda.LambdaCloudProvider;
import dev.skyfleet.providers.sandbox.SandboxConfig;
import dev.skyfleet.providers.sandbox.SandboxProvider;
import dev.skyfleet.providers.lambda.LambdaConfig;
import dev.skyfleet.providers.shadeform.ShadeformConfig;
import dev.skyfleet.providers.shadeform.ShadeformProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Builds the real provider feeds from configuration: the sandbox and the catalog files by default, Lambda and
 * Shadeform when their API keys are set (environment or file), AWS when enabled. A provider without credentials
 * is registered as unconfigured, so it shows a clear status instead of failing every poll.
 */
@ApplicationScoped
public class ProviderWiring {
    private static final Logger LOG = Logger.getLogger(ProviderWiring.class);

    private final ProvidersConfig config;
    private final SecretRedactor redactor;
    private final Clock clock;

    public ProviderWiring(ProvidersConfig config, SecretRedactor redactor, Clock clock) {
        this.config = config;
        this.redactor = redactor;
        this.clock = clock;
    }

    public List<FeedDefinition> feeds() {
        List<FeedDefinition> feeds = new ArrayList<>();
        Secret lambdaKey = secret(config.lambda().apiKey(), config.lambda().apiKeyFile(), "lambda");
        feeds.add(lambdaKey == null
                ? FeedDefinition.unconfigured("lambda", OfferSource.API,
                        "no API key: set SKYFLEET_LAMBDA_API_KEY or SKYFLEET_LAMBDA_API_KEY_FILE")
                : FeedDefinition.of(new LambdaCloudProvider(LambdaConfig.of(config.lambda().baseUrl(), lambdaKey)),
                        OfferSource.API));
        Secret shadeformKey = secret(config.shadeform().apiKey(), config.shadeform().apiKeyFile(), "shadeform");
        feeds.add(shadeformKey == null
                ? FeedDefinition.unconfigured("shadeform", OfferSource.API,
                        "no API key: set SKYFLEET_SHADEFORM_API_KEY or SKYFLEET_SHADEFORM_API_KEY_FILE")
                : FeedDefinition.of(new ShadeformProvider(new ShadeformConfig(config.shadeform().baseUrl(),
                        shadeformKey, null)), OfferSource.API));
        feeds.add(aws());
        if (config.sandbox().enabled()) {
            feeds.add(FeedDefinition.of(new SandboxProvider(SandboxConfig.withSeedAndClock(config.sandbox().seed(),
                    clock)), OfferSource.SIMULATOR));
        }
        feeds.addAll(catalogFiles());
        return feeds;
    }

    private List<FeedDefinition> catalogFiles() {
        if (!config.catalog().enabled()) {
            return List.of();
        }
        List<CatalogFileProvider> providers;
        try {
            providers = config.catalog().directory().map(dir -> CatalogFiles.fromDirectory(dir, clock))
                    .orElseGet(() -> CatalogFiles.bundled(clock));
        } catch (RuntimeException e) {
            LOG.warnf("no catalog files read: %s", e.getMessage());
            return List.of();
        }
        Optional<List<String>> clouds = config.catalog().clouds();
        List<FeedDefinition> feeds = new ArrayList<>();
        for (CatalogFileProvider provider : providers) {
            if (clouds.isEmpty() || clouds.get().contains(provider.id())) {
                feeds.add(new FeedDefinition(provider.id(), OfferSource.CATALOG_FILE, provider, null,
                        () -> fingerprint(provider.location())));
            }
        }
        LOG.infof("catalog files: %s", feeds.stream().map(FeedDefinition::providerId).toList());
        return feeds;
    }

    /** Modification time and size of a catalog file; a classpath snapshot never changes. */
    static String fingerprint(String location) {
        if (location.startsWith("classpath:")) {
            return location;
        }
        try {
            Path path = Path.of(location);
            return Files.getLastModifiedTime(path).toMillis() + ":" + Files.size(path);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private FeedDefinition aws() {
        if (!config.aws().enabled()) {
            return FeedDefinition.unconfigured("aws", OfferSource.API, "not enabled: set SKYFLEET_AWS_ENABLED=true");
        }
        try {
            AwsConfig aws = new AwsConfig(null, config.aws().regions().orElse(List.of()), null, null,
                    config.aws().endpoint().orElse(null), 4, null, 4);
            return FeedDefinition.of(new AwsEc2Provider(aws), OfferSource.API);
        } catch (RuntimeException e) {
            LOG.warnf("AWS reader not started: %s", redactor.redact(e.getMessage()));
            return FeedDefinition.unconfigured("aws", OfferSource.API,
                    "AWS client could not start (region or credentials setup); see the poller log");
        }
    }

    /** Reads a secret from its value or its file and registers it for redaction; null when neither is set. */
    private Secret secret(Optional<String> value, Optional<Path> file, String provider) {
        String text = value.filter(v -> !v.isBlank()).orElse(null);
        if (text == null && file.isPresent()) {
            try {
                text = Files.readString(file.get(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                LOG.warnf("cannot read the %s API key file %s", provider, file.get());
            }
        }
        Secret secret = Secret.ofNullable(text);
        if (secret != null) {
            redactor.register(secret.reveal());
        }
        return secret;
    }
}
