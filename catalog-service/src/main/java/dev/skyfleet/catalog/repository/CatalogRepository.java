package dev.skyfleet.catalog.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads instance types, provider status and the change log. */
@ApplicationScoped
public class CatalogRepository {
    private final Mutiny.SessionFactory sessions;

    public CatalogRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Instance types (not removed) after the given key, ordered by provider and name. */
    public Uni<List<InstanceTypeEntity>> instanceTypes(String provider, String gpu, String afterProvider,
            String afterName, int limit) {
        StringBuilder query = new StringBuilder("from InstanceTypeEntity t where t.removed = false");
        if (provider != null) {
            query.append(" and t.key.provider = :provider");
        }
        if (gpu != null) {
            query.append(" and t.gpuModel = :gpu");
        }
        if (afterProvider != null) {
            query.append(" and (t.key.provider > :ap or (t.key.provider = :ap and t.key.name > :an))");
        }
        query.append(" order by t.key.provider, t.key.name");
        return sessions.withSession(session -> {
            Mutiny.SelectionQuery<InstanceTypeEntity> q = session.createSelectionQuery(query.toString(),
                    InstanceTypeEntity.class);
            if (provider != null) {
                q.setParameter("provider", provider);
            }
            if (gpu != null) {
                q.setParameter("gpu", gpu);
            }
            if (afterProvider != null) {
                q.setParameter("ap", afterProvider).setParameter("an", afterName);
            }
            return q.setMaxResults(limit).getResultList();
        });
    }

    public Uni<List<ProviderStatusEntity>> providerStatuses() {
        return sessions.withSession(session -> session
                .createSelectionQuery("from ProviderStatusEntity s order by s.provider", ProviderStatusEntity.class)
                .getResultList());
    }

    /** Changes with an id greater than {@code afterId}, oldest first. */
    public Uni<List<OfferChangeEntity>> changesAfter(long afterId, int limit) {
        return sessions.withSession(session -> session
                .createSelectionQuery("from OfferChangeEntity c where c.id > :after order by c.id",
                        OfferChangeEntity.class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList());
    }

    /** The id of the newest change, 0 when there is none. */
    public Uni<Long> latestChangeId() {
        return sessions.withSession(session -> session
                .createSelectionQuery("select coalesce(max(c.id), 0) from OfferChangeEntity c", Long.class)
                .getSingleResult());
    }

    /** Deletes changes recorded before {@code cutoff}; returns how many. */
    public Uni<Integer> pruneChanges(Instant cutoff) {
        return sessions.withTransaction((session, tx) -> session
                .createNativeQuery("delete from offer_change where recorded_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
    }
}
