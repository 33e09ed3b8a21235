package dev.skyfleet.poller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which real providers exist and how to reach them. A provider whose credentials are absent is listed as
 * {@code unconfigured} and never polled. Secrets are read from the environment or from a file and never logged.
 */
@ConfigMapping(prefix = "skyfleet.providers")
public interface ProvidersConfig {

    /** The sandbox cloud simulator. */
    Sandbox sandbox();

    /** SkyPilot-format catalog files. */
    Catalog catalog();

    /** Lambda Cloud. */
    Lambda lambda();

    /** Shadeform. */
    Shadeform shadeform();

    /** AWS EC2. */
    Aws aws();

    /** Sandbox settings. */
    interface Sandbox {
        /** Run the simulated cloud (on by default so the local stack shows offers without credentials). */
        @WithDefault("true")
        boolean enabled();

        /** Seed of the simulation: same seed, same lineup and the same price and capacity changes. */
        @WithDefault("42")
        long seed();
    }

    /** Catalog files settings. */
    interface Catalog {
        /** Read SkyPilot-format catalog files (on by default: the bundled snapshot needs no credentials). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Directory holding {@code <cloud>/vms.csv} files; when absent the snapshot bundled with the poller is
         * read.
         */
        Optional<Path> directory();

        /** Clouds to read from the catalog files; all clouds found when absent. */
        Optional<List<String>> clouds();
    }

    /** Lambda Cloud settings. */
    interface Lambda {
        /** API key (from {@code SKYFLEET_LAMBDA_API_KEY}); the provider is skipped when neither key nor file is set. */
        Optional<String> apiKey();

        /** File holding the API key (from {@code SKYFLEET_LAMBDA_API_KEY_FILE}), e.g. a mounted secret. */
        Optional<Path> apiKeyFile();

        /** API base URL. */
        @WithDefault("https://cloud.lambda.ai")
        URI baseUrl();
    }

    /** Shadeform settings. */
    interface Shadeform {
        /** API key (from {@code SKYFLEET_SHADEFORM_API_KEY}); the provider is skipped when neither key nor file is set. */
        Optional<String> apiKey();

        /** File holding the API key (from {@code SKYFLEET_SHADEFORM_API_KEY_FILE}). */
        Optional<Path> apiKeyFile();

        /** API base URL. */
        @WithDefault("https://api.shadeform.ai/v1")
        URI baseUrl();
    }

    /** AWS settings. Credentials come from the AWS SDK's default chain. */
    interface Aws {
        /** Poll AWS (from {@code SKYFLEET_AWS_ENABLED}); off unless asked for, as the default chain may find credentials anywhere. */
        @WithDefault("false")
        boolean enabled();

        /** Regions to read; all regions the account sees when absent. */
        Optional<List<String>> regions();

        /** Endpoint override for EC2 and Pricing (a local stub in tests). */
        Optional<URI> endpoint();
    }
}
