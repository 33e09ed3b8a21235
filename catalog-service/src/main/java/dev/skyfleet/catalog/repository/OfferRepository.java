package dev.skyfleet.catalog.repository;

import dev.skyfleet.catalog.service.OfferFilter;
import dev.skyfleet.catalog.service.OfferSort;
import dev.skyfleet.catalog.service.PageCursor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads offers, their history and aggregates. Queries are fixed HQL text with bound values. */
@ApplicationScoped
public class OfferRepository {
    private final Mutiny.SessionFactory sessions;

    public OfferRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** One page of offers matching the filter in the given order, after the cursor (if any). */
    public Uni<List<OfferEntity>> search(OfferFilter filter, OfferSort sort, PageCursor after, int limit) {
        OfferFilter.Hql hql = filter.toHql();
        StringBuilder query = new StringBuilder("from OfferEntity o where ").append(hql.where());
        if (after != null) {
            query.append(" and ").append(sort.after());
        }
        query.append(" order by ").append(sort.orderBy());
        return sessions.withSession(session -> {
            Mutiny.SelectionQuery<OfferEntity> q = session.createSelectionQuery(query.toString(), OfferEntity.class);
            bind(q, hql.parameters());
            if (after != null) {
                q.setParameter("k1", after.keys().get(0));
                if (after.keys().size() > 1) {
                    q.setParameter("k2", after.keys().get(1));
                }
                q.setParameter("kid", after.id());
            }
            return q.setMaxResults(limit).getResultList();
        });
    }

    /**
     * Priced offers matching the filter: offers of {@code freshProviders} before all others, then cheapest first.
     */
    public Uni<List<OfferEntity>> cheapest(OfferFilter filter, Collection<String> freshProviders, int limit) {
        OfferFilter.Hql hql = filter.toHql();
        String freshFirst = freshProviders.isEmpty() ? ""
                : "case when o.provider in :freshProviders then 0 else 1 end, ";
        String query = "from OfferEntity o where " + hql.where() + " and o.price is not null order by " + freshFirst
                + "o.priceKey asc, o.id asc";
        return sessions.withSession(session -> {
            Mutiny.SelectionQuery<OfferEntity> q = session.createSelectionQuery(query, OfferEntity.class);
            bind(q, hql.parameters());
            if (!freshProviders.isEmpty()) {
                q.setParameter("freshProviders", List.copyOf(freshProviders));
            }
            return q.setMaxResults(limit).getResultList();
        });
    }

    public Uni<OfferEntity> find(String id) {
        return sessions.withSession(session -> session.find(OfferEntity.class, id));
    }

    public Uni<List<OfferHistoryEntity>> history(String offerId, int limit) {
        return sessions.withSession(session -> session
                .createSelectionQuery("from OfferHistoryEntity h where h.offerId = :id"
                        + " order by h.observedAt desc, h.id desc", OfferHistoryEntity.class)
                .setParameter("id", offerId).setMaxResults(limit).getResultList());
    }

    /** Per GPU model, cloud and usage class: cheapest price, largest per-GPU memory, offer count. */
    public Uni<List<Object[]>> gpuPrices() {
        return sessions.withSession(session -> session.createSelectionQuery(
                "select o.gpuModel, o.cloud, o.usage, min(o.price), max(o.gpuMemoryGb), count(o) from OfferEntity o"
                        + " where o.removed = false and o.gpuModel is not null"
                        + " group by o.gpuModel, o.cloud, o.usage order by o.gpuModel, o.cloud, o.usage",
                Object[].class).getResultList());
    }

    /** Distinct (GPU model, cloud, region, GPU count) with capacity now. */
    public Uni<List<Object[]>> gpuCapacity() {
        return sessions.withSession(session -> session.createSelectionQuery(
                "select distinct o.gpuModel, o.cloud, o.region, o.gpuCount from OfferEntity o"
                        + " where o.removed = false and o.available = true and o.gpuModel is not null",
                Object[].class).getResultList());
    }

    /** Distinct (GPU model, GPU count) offered at all. */
    public Uni<List<Object[]>> gpuCounts() {
        return sessions.withSession(session -> session.createSelectionQuery(
                "select distinct o.gpuModel, o.gpuCount from OfferEntity o"
                        + " where o.removed = false and o.gpuModel is not null", Object[].class).getResultList());
    }

    /** Per provider, cloud and region: offers, offers with capacity, newest observation. */
    public Uni<List<Object[]>> regions(Collection<String> providers) {
        String where = providers.isEmpty() ? "" : " and o.provider in :providers";
        return sessions.withSession(session -> {
            Mutiny.SelectionQuery<Object[]> q = session.createSelectionQuery(
                    "select o.provider, o.cloud, o.region, count(o), sum(case when o.available then 1 else 0 end),"
                            + " max(o.observedAt) from OfferEntity o where o.removed = false" + where
                            + " group by o.provider, o.cloud, o.region order by o.provider, o.cloud, o.region",
                    Object[].class);
            if (!providers.isEmpty()) {
                q.setParameter("providers", List.copyOf(providers));
            }
            return q.getResultList();
        });
    }

    /** Per provider: offers, offers with capacity, newest observation. */
    public Uni<List<Object[]>> providerCounts() {
        return sessions.withSession(session -> session.createSelectionQuery(
                "select o.provider, count(o), sum(case when o.available then 1 else 0 end), max(o.observedAt)"
                        + " from OfferEntity o where o.removed = false group by o.provider", Object[].class)
                .getResultList());
    }

    private static void bind(Mutiny.SelectionQuery<?> query, Map<String, Object> parameters) {
        parameters.forEach(query::setParameter);
    }
}
