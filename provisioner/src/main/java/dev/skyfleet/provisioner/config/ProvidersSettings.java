package dev.skyfleet.provisioner.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The providers the provisioner may launch on (same keys and environment variables as the inventory poller). A
 * provider without credentials is not built; its offers are skipped as candidates.
 */
@ConfigMapping(prefix = "skyfleet.providers")
public interface ProvidersSettings {

    /** The sandbox cloud simulator. */
    Sandbox sandbox();

    /** Lambda Cloud. */
    Keyed lambda();

    /** Shadeform. */
    Keyed shadeform();

    /** AWS EC2. */
    Aws aws();

    /** Sandbox settings. */
    interface Sandbox {
        /** Launch on the simulated cloud (on by default so the local stack provisions without credentials). */
        @WithDefault("true")
        boolean enabled();

        /** Seed of the simulation; must equal the poller's so the catalog and the launches agree. */
        @WithDefault("42")
        long seed();

        /** How long a simulated machine stays pending; empty for the simulator's default. */
        Optional<Duration> launchDelay();

        /** Live simulated machines allowed per region before launches fail with a quota error. */
        @WithDefault("32")
        int maxInstancesPerRegion();

        /** Share of simulated offers with capacity at any time, in percent. */
        @WithDefault("75")
        int availabilityPercent();
    }

    /** An API-key provider. */
    interface Keyed {
        /** API key; the provider is not built when neither key nor file is set. */
        Optional<String> apiKey();

        /** File holding the API key (a mounted secret). */
        Optional<Path> apiKeyFile();

        /** API base URL; empty for the provider's public endpoint. */
        Optional<URI> baseUrl();
    }

    /** AWS settings; credentials come from the AWS SDK's default chain. */
    interface Aws {
        /** Launch on AWS. */
        @WithDefault("false")
        boolean enabled();

        /** Regions; all the account sees when absent. */
        Optional<List<String>> regions();

        /** Endpoint override for EC2 (stubs only). */
        Optional<URI> endpoint();

        /** AMI launched when a request names no image; AWS launches fail naming it when neither is set. */
        Optional<String> imageId();
    }
}
