package dev.skyfleet.catalog.service;

import dev.skyfleet.catalog.mapping.InstanceTypeRow;
import dev.skyfleet.catalog.mapping.OfferRow;
import dev.skyfleet.catalog.mapping.ProviderStatusRow;
import dev.skyfleet.catalog.repository.IngestRepository;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.ProviderStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns batches of catalog events into ordered, idempotent database writes. */
@ApplicationScoped
public class IngestService {
    /** Observations dated further ahead than this are refused: they would block every later update. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private static final Comparator<OfferEvent> OBSERVATION_ORDER = Comparator
            .comparing((OfferEvent e) -> e.offer().observedAt()).thenComparing(OfferEvent::at);

    private final IngestRepository repository;

    public IngestService(IngestRepository repository) {
        this.repository = repository;
    }

    /** Why an offer event read from {@code key} cannot be applied, or null when it can. */
    public String problemOf(String key, OfferEvent event) {
        if (key != null && !key.equals(event.offerId())) {
            return "record key '" + key + "' does not match offer id '" + event.offerId() + "'";
        }
        Instant limit = Instant.now().plus(MAX_CLOCK_SKEW);
        if (event.offer().observedAt().isAfter(limit) || event.at().isAfter(limit)) {
            return "offer " + event.offerId() + " is dated in the future (" + event.offer().observedAt() + ")";
        }
        return null;
    }

    /** Why an instance type event cannot be applied, or null. */
    public String problemOf(String key, InstanceTypeEvent event) {
        if (key != null && !key.equals(event.key())) {
            return "record key '" + key + "' does not match instance type key '" + event.key() + "'";
        }
        if (event.at().isAfter(Instant.now().plus(MAX_CLOCK_SKEW))) {
            return "instance type " + event.key() + " is dated in the future (" + event.at() + ")";
        }
        return null;
    }

    /** Why a provider status cannot be applied, or null. */
    public String problemOf(String key, ProviderStatus status) {
        if (key != null && !key.equals(status.provider())) {
            return "record key '" + key + "' does not match provider '" + status.provider() + "'";
        }
        if (status.at().isAfter(Instant.now().plus(MAX_CLOCK_SKEW))) {
            return "status of " + status.provider() + " is dated in the future (" + status.at() + ")";
        }
        return null;
    }

    /** Applies offer events in one transaction; returns the number of visible changes recorded. */
    public Uni<Integer> applyOffers(List<OfferEvent> events) {
        return repository.upsertOffers(rounds(events));
    }

    public Uni<Integer> applyInstanceTypes(List<InstanceTypeEvent> events) {
        Map<String, InstanceTypeEvent> latest = new LinkedHashMap<>();
        for (InstanceTypeEvent event : events) {
            latest.merge(event.key(), event, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        return repository.upsertInstanceTypes(latest.values().stream().map(InstanceTypeRow::of).toList());
    }

    public Uni<Integer> applyProviderStatus(List<ProviderStatus> statuses) {
        Map<String, ProviderStatus> latest = new LinkedHashMap<>();
        for (ProviderStatus status : statuses) {
            latest.merge(status.provider(), status, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        return repository.upsertProviderStatus(latest.values().stream().map(ProviderStatusRow::of).toList());
    }

    /**
     * Splits a batch into rounds with at most one event per offer, each offer's events oldest first: round n holds
     * the n-th observation of every offer. Usually there is one round.
     */
    static List<List<OfferRow>> rounds(List<OfferEvent> events) {
        Map<String, List<OfferEvent>> byOffer = new LinkedHashMap<>();
        for (OfferEvent event : events) {
            byOffer.computeIfAbsent(event.offerId(), id -> new ArrayList<>(1)).add(event);
        }
        List<List<OfferRow>> rounds = new ArrayList<>();
        for (List<OfferEvent> history : byOffer.values()) {
            history.sort(OBSERVATION_ORDER);
            for (int i = 0; i < history.size(); i++) {
                if (rounds.size() <= i) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(i).add(OfferRow.of(history.get(i)));
            }
        }
        return rounds;
    }
}
