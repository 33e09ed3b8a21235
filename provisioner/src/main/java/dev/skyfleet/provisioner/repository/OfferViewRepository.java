package dev.skyfleet.provisioner.repository;

import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.provisioner.OfferView;
import dev.skyfleet.provisioner.Placement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The provisioner's view of {@code skyfleet.offers.v1}: later observations win, removals are kept as flags. */
@ApplicationScoped
public class OfferViewRepository {
    private static final String COLUMNS = "offer_id, provider, cloud, region, zone, instance_type, usage_class,"
            + " gpu_model, gpu_count, vcpus, memory_gib, price_amount, price_currency, available, removed,"
            + " capabilities, observed_at";

    private final Pool pool;

    public OfferViewRepository(Pool pool) {
        this.pool = pool;
    }

    /** Applies one offer event; an event older than what is stored is ignored. */
    public Uni<Void> apply(OfferEvent event) {
        Offer o = event.offer();
        var gpu = o.spec().gpu();
        Price price = o.pricePerHour();
        String capabilities = o.spec().capabilities().stream().map(Capability::wire).sorted()
                .collect(Collectors.joining(","));
        boolean removed = event.isRemoval();
        return pool.preparedQuery("insert into offer_view (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8,"
                + " $9, $10, $11, $12, $13, $14, $15, $16, $17) on conflict (offer_id) do update set"
                + " provider = excluded.provider, cloud = excluded.cloud, region = excluded.region,"
                + " zone = excluded.zone, instance_type = excluded.instance_type, usage_class = excluded.usage_class,"
                + " gpu_model = excluded.gpu_model, gpu_count = excluded.gpu_count, vcpus = excluded.vcpus,"
                + " memory_gib = excluded.memory_gib, price_amount = excluded.price_amount,"
                + " price_currency = excluded.price_currency, available = excluded.available,"
                + " removed = excluded.removed, capabilities = excluded.capabilities,"
                + " observed_at = excluded.observed_at where offer_view.observed_at <= excluded.observed_at")
                .execute(Sql.tuple(o.id(), o.provider(), o.cloud(), o.region(), o.zone(), o.instanceType(),
                        o.usage().wire(), gpu == null ? null : gpu.model(), gpu == null ? null : gpu.count(),
                        o.spec().vcpus(), o.spec().memoryGib(), price == null ? null : price.amount(),
                        price == null ? null : price.currency(), o.available() && !removed, removed, capabilities,
                        Sql.ts(o.observedAt())))
                .replaceWithVoid();
    }

    public Uni<OfferView> find(String offerId) {
        return pool.preparedQuery("select " + COLUMNS + " from offer_view where offer_id = $1")
                .execute(Sql.tuple(offerId)).map(rows -> Sql.first(rows, OfferViewRepository::row));
    }

    /**
     * Offers matching the placement that are available now, cheapest first (then region, zone: SkyPilot's
     * failover order). Offers without a price come last and never match a price limit.
     */
    public Uni<List<OfferView>> candidates(Placement p, int limit) {
        UsageClass usage = p.usageClass() == null ? UsageClass.ON_DEMAND : UsageClass.fromWire(p.usageClass());
        return pool.preparedQuery("select " + COLUMNS + " from offer_view where available and not removed"
                + " and ($1::text is null or offer_id = $1)"
                + " and ($2::text is null or upper(gpu_model) = upper($2))"
                + " and ($3::numeric is null or gpu_count = $3)"
                + " and ($4::numeric is null or vcpus >= $4)"
                + " and ($5::numeric is null or memory_gib >= $5)"
                + " and (cardinality($6::text[]) = 0 or provider = any($6))"
                + " and (cardinality($7::text[]) = 0 or cloud = any($7))"
                + " and (cardinality($8::text[]) = 0 or region = any($8))"
                + " and ($9::numeric is null or price_amount <= $9)"
                + " and usage_class = $10"
                + " order by price_amount asc nulls last, region collate \"C\", zone collate \"C\" nulls first,"
                + " offer_id collate \"C\" limit $11")
                .execute(Sql.tuple(p.offerId(), p.gpuModel(),
                        p.gpuCount() == null ? null : BigDecimal.valueOf(p.gpuCount()), p.minVcpus(),
                        p.minMemoryGib(), p.providers().toArray(String[]::new), p.clouds().toArray(String[]::new),
                        p.regions().toArray(String[]::new), p.maxPricePerHour(), usage.wire(), limit))
                .map(rows -> Sql.all(rows, OfferViewRepository::row));
    }

    private static OfferView row(Row row) {
        BigDecimal amount = row.getBigDecimal("price_amount");
        String caps = row.getString("capabilities");
        Set<Capability> capabilities = caps == null || caps.isBlank() ? Set.of()
                : java.util.Arrays.stream(caps.split(",")).map(Capability::fromWire).filter(Objects::nonNull)
                        .collect(Collectors.toSet());
        return new OfferView(row.getString("offer_id"), row.getString("provider"), row.getString("cloud"),
                row.getString("region"), row.getString("zone"), row.getString("instance_type"),
                UsageClass.fromWire(row.getString("usage_class")), row.getString("gpu_model"),
                row.getBigDecimal("gpu_count"), row.getBigDecimal("vcpus"), row.getBigDecimal("memory_gib"),
                amount == null ? null : new Price(amount, row.getString("price_currency")), row.getBoolean("available"),
                row.getBoolean("removed"), capabilities, Sql.instant(row, "observed_at"));
    }
}
