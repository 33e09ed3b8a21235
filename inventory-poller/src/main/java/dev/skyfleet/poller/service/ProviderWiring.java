package dev.skyfleet.poller.service;

import dev.skyfleet.model.OfferSource;
import dev.skyfleet.poller.config.ProvidersConfig;
import dev.skyfleet.providers.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public ProviderWiring(ProvidersConfig config, SecretRedactor redactor) {
        this.config = config;
        this.redactor = redactor;
    }

    public List<FeedDefinition> feeds() {
        List<FeedDefinition> feeds = new ArrayList<>();
        Secret lambdaKey = secret(config.lambda().apiKey(), config.lambda().apiKeyFile(), "lambda");
        feeds.add(lambdaKey == null
                ? FeedDefinition.unconfigured("lambda", OfferSource.API,
                        "no API key: set SKYFLEET_LAMBDA_API_KEY or SKYFLEET_LAMBDA_API_KEY_FILE")
                : FeedDefinition.unconfigured("lambda", OfferSource.API, "the Lambda reader is not available yet"));
        Secret shadeformKey = secret(config.shadeform().apiKey(), config.shadeform().apiKeyFile(), "shadeform");
        feeds.add(shadeformKey == null
                ? FeedDefinition.unconfigured("shadeform", OfferSource.API,
                        "no API key: set SKYFLEET_SHADEFORM_API_KEY or SKYFLEET_SHADEFORM_API_KEY_FILE")
                : FeedDefinition.unconfigured("shadeform", OfferSource.API,
                        "the Shadeform reader is not available yet"));
        feeds.add(FeedDefinition.unconfigured("aws", OfferSource.API, config.aws().enabled()
                ? "the AWS reader is not available yet" : "not enabled: set SKYFLEET_AWS_ENABLED=true"));
        return feeds;
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
