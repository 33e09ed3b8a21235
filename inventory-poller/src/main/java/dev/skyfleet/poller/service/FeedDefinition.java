package dev.skyfleet.poller.service;

import dev.skyfleet.model.OfferSource;
import dev.skyfleet.providers.CloudProvider;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One way of reading a provider's catalog: its live API, a catalog file, or the simulator. A provider id can
 * have a live feed and a catalog-file feed; the live one wins once it has succeeded.
 *
 * @param providerId lower-case provider id
 * @param source what kind of feed this is
 * @param provider the reader; null when it cannot be built (no credentials)
 * @param unavailableReason why the feed is not usable (never contains a secret); null when usable
 * @param fingerprint identifies the current content of a file-based source; null when not file-based
 */
public record FeedDefinition(String providerId, OfferSource source, CloudProvider provider, String unavailableReason,
        Supplier<String> fingerprint) {

    public FeedDefinition {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(source, "source");
        if (provider == null && unavailableReason == null) {
            throw new IllegalArgumentException("a feed without a provider needs a reason");
        }
        if (provider != null && !provider.id().equals(providerId)) {
            throw new IllegalArgumentException("provider id " + provider.id() + " does not match " + providerId);
        }
    }

    public static FeedDefinition of(CloudProvider provider, OfferSource source) {
        return new FeedDefinition(provider.id(), source, provider, null, null);
    }

    public static FeedDefinition unconfigured(String providerId, OfferSource source, String reason) {
        return new FeedDefinition(providerId, source, null, reason, null);
    }

    public boolean usable() {
        return provider != null;
    }

    public boolean live() {
        return source != OfferSource.CATALOG_FILE;
    }
}
