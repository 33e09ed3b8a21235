package dev.skyfleet.provisioner.service;

import dev.skyfleet.model.Capability;
import dev.skyfleet.provisioner.InstanceRow;
import dev.skyfleet.provisioner.LaunchAttempt;
import dev.skyfleet.provisioner.OfferView;
import dev.skyfleet.provisioner.Placement;
import dev.skyfleet.provisioner.repository.OfferViewRepository;
import dev.skyfleet.providers.CloudProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a placement into the offers to try, in order, from the provisioner's own view of the catalog: each
 * candidate's provider declares the capabilities the request needs, the offer is available, within the price
 * limit, not tried before for this instance and not in the capacity cache.
 */
@ApplicationScoped
public class CandidateSelector {
    private static final int MAX_ROWS = 200;

    private final OfferViewRepository offers;
    private final ProviderDirectory providers;
    private final CapacityCache cache;

    public CandidateSelector(OfferViewRepository offers, ProviderDirectory providers, CapacityCache cache) {
        this.offers = offers;
        this.providers = providers;
        this.cache = cache;
    }

    /**
     * The outcome of a selection.
     *
     * @param candidates offers to try, best first
     * @param skipped why other offers were left out (offer id → reason), for the failure message
     * @param refusal set when an explicitly requested offer cannot be used: the capability or condition refused
     */
    public record Selection(List<OfferView> candidates, Map<String, String> skipped, Refusal refusal) {
    }

    /**
     * Why an explicit offer is refused.
     *
     * @param capability the missing capability, or null when the reason is availability or price
     * @param reason human-readable
     */
    public record Refusal(String capability, String reason) {
    }

    public Uni<Selection> select(InstanceRow row, List<LaunchAttempt> attempts) {
        Placement p = row.placement();
        // an attempt that never reached the provider (crash before the call) did not refuse its offer
        Set<String> tried = attempts.stream().filter(a -> a.status() != LaunchAttempt.Status.NOT_LAUNCHED)
                .map(LaunchAttempt::offerId).collect(Collectors.toSet());
        if (p.offerId() != null) {
            return offers.find(p.offerId()).map(offer -> explicit(row, offer, tried));
        }
        return offers.candidates(p, MAX_ROWS).map(rows -> {
            List<OfferView> candidates = new ArrayList<>();
            Map<String, String> skipped = new LinkedHashMap<>();
            for (OfferView offer : rows) {
                String reason = tried.contains(offer.offerId()) ? "already tried for this instance"
                        : skipReason(row, offer);
                if (reason == null) {
                    candidates.add(offer);
                } else {
                    skipped.put(offer.offerId(), reason);
                }
            }
            return new Selection(candidates, skipped, null);
        });
    }

    private Selection explicit(InstanceRow row, OfferView offer, Set<String> tried) {
        String id = row.placement().offerId();
        if (offer == null || offer.removed()) {
            return refused(null, "offer " + id + " is not in the catalog");
        }
        Refusal capability = capabilityRefusal(row, offer);
        if (capability != null) {
            return new Selection(List.of(), Map.of(), capability);
        }
        if (!offer.available()) {
            return refused(null, "offer " + id + " has no capacity according to the catalog");
        }
        var max = row.placement().maxPricePerHour();
        if (max != null && (offer.price() == null || offer.price().amount().compareTo(max) > 0)) {
            return refused(null, "offer " + id + " costs " + (offer.price() == null ? "an unknown price"
                    : offer.price()) + ", above the limit of " + max.toPlainString() + " USD/h");
        }
        if (tried.contains(id)) {
            return new Selection(List.of(), Map.of(id, "already tried for this instance"), null);
        }
        String cached = cache.skipReason(offer.offerId(), offer.provider(), offer.region());
        if (cached != null) {
            return new Selection(List.of(), Map.of(id, cached), null);
        }
        return new Selection(List.of(offer), Map.of(), null);
    }

    private static Selection refused(String capability, String reason) {
        return new Selection(List.of(), Map.of(), new Refusal(capability, reason));
    }

    private String skipReason(InstanceRow row, OfferView offer) {
        Refusal refusal = capabilityRefusal(row, offer);
        if (refusal != null) {
            return refusal.reason();
        }
        return cache.skipReason(offer.offerId(), offer.provider(), offer.region());
    }

    private Refusal capabilityRefusal(InstanceRow row, OfferView offer) {
        var provider = providers.find(offer.provider());
        if (provider.isEmpty()) {
            String why = providers.unconfigured().get(offer.provider());
            return new Refusal(null, "provider " + offer.provider() + " is not available for launches"
                    + (why == null ? "" : " (" + why + ")"));
        }
        CloudProvider p = provider.get();
        Set<Capability> capabilities = p.capabilities();
        if (!capabilities.contains(Capability.CREATE_INSTANCE)
                && !capabilities.contains(Capability.CREATE_TERMINATE_INSTANCE)) {
            return new Refusal(Capability.CREATE_INSTANCE.wire(),
                    "provider " + offer.provider() + " does not support " + Capability.CREATE_INSTANCE.wire());
        }
        if (row.userData() != null && !capabilities.contains(Capability.INSTANCE_USERDATA)) {
            return new Refusal(Capability.INSTANCE_USERDATA.wire(),
                    "provider " + offer.provider() + " does not support " + Capability.INSTANCE_USERDATA.wire());
        }
        if (row.userData() != null && !offer.typeAllows(Capability.INSTANCE_USERDATA)) {
            return new Refusal(Capability.INSTANCE_USERDATA.wire(), "instance type " + offer.instanceType()
                    + " does not support " + Capability.INSTANCE_USERDATA.wire());
        }
        return null;
    }
}
