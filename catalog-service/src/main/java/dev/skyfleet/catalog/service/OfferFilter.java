package dev.skyfleet.catalog.service;

import dev.skyfleet.catalog.OfferView;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Constraints on offers, shared by search, selection and the event stream: the same filter runs as a query
 * (with bound parameters only) and as a predicate over offer views. Null or empty means "any".
 *
 * @param providers provider ids
 * @param clouds clouds (hardware owners)
 * @param regions region codes
 * @param gpu normalised GPU model
 * @param gpuCount exact GPU count
 * @param minGpuCount at least this many GPUs
 * @param minGpuMemoryGb at least this much memory per GPU (decimal GB)
 * @param minVcpus at least this many vCPUs
 * @param minMemoryGb at least this much host memory (GiB)
 * @param arch host architecture wire value
 * @param usage {@code on-demand} or {@code spot}
 * @param available true: capacity now; false: no capacity now
 * @param maxPrice at most this price per hour (offers without a price never match)
 */
public record OfferFilter(List<String> providers, List<String> clouds, List<String> regions, String gpu,
        BigDecimal gpuCount, BigDecimal minGpuCount, BigDecimal minGpuMemoryGb, BigDecimal minVcpus,
        BigDecimal minMemoryGb, String arch, String usage, Boolean available, BigDecimal maxPrice) {

    public static final OfferFilter ANY = new OfferFilter(List.of(), List.of(), List.of(), null, null, null, null,
            null, null, null, null, null, null);

    public OfferFilter {
        providers = providers == null ? List.of() : List.copyOf(providers);
        clouds = clouds == null ? List.of() : List.copyOf(clouds);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    public OfferFilter withAvailable(Boolean value) {
        return new OfferFilter(providers, clouds, regions, gpu, gpuCount, minGpuCount, minGpuMemoryGb, minVcpus,
                minMemoryGb, arch, usage, value, maxPrice);
    }

    public OfferFilter withMaxPrice(BigDecimal value) {
        return new OfferFilter(providers, clouds, regions, gpu, gpuCount, minGpuCount, minGpuMemoryGb, minVcpus,
                minMemoryGb, arch, usage, available, value);
    }

    public OfferFilter withoutPlaces() {
        return new OfferFilter(List.of(), List.of(), List.of(), gpu, gpuCount, minGpuCount, minGpuMemoryGb, minVcpus,
                minMemoryGb, arch, usage, available, maxPrice);
    }

    public OfferFilter withoutGpuCount() {
        return new OfferFilter(providers, clouds, regions, gpu, null, null, minGpuMemoryGb, minVcpus, minMemoryGb,
                arch, usage, available, maxPrice);
    }

    public boolean hasPlaces() {
        return !providers.isEmpty() || !clouds.isEmpty() || !regions.isEmpty();
    }

    public boolean hasGpuCount() {
        return gpuCount != null || minGpuCount != null;
    }

    /** HQL conditions over alias {@code o} (fixed text) and the values they bind. */
    public record Hql(String where, Map<String, Object> parameters) {
    }

    /** The filter as HQL conditions on {@code OfferEntity o}; always excludes removed offers. */
    public Hql toHql() {
        StringBuilder where = new StringBuilder("o.removed = false");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!providers.isEmpty()) {
            where.append(" and o.provider in :providers");
            params.put("providers", providers);
        }
        if (!clouds.isEmpty()) {
            where.append(" and o.cloud in :clouds");
            params.put("clouds", clouds);
        }
        if (!regions.isEmpty()) {
            where.append(" and o.region in :regions");
            params.put("regions", regions);
        }
        if (gpu != null) {
            where.append(" and o.gpuModel = :gpu");
            params.put("gpu", gpu);
        }
        if (gpuCount != null) {
            where.append(" and o.gpuCount = :gpuCount");
            params.put("gpuCount", gpuCount);
        }
        if (minGpuCount != null) {
            where.append(" and o.gpuCount >= :minGpuCount");
            params.put("minGpuCount", minGpuCount);
        }
        if (minGpuMemoryGb != null) {
            where.append(" and o.gpuMemoryGb >= :minGpuMemoryGb");
            params.put("minGpuMemoryGb", minGpuMemoryGb);
        }
        if (minVcpus != null) {
            where.append(" and o.vcpus >= :minVcpus");
            params.put("minVcpus", minVcpus);
        }
        if (minMemoryGb != null) {
            where.append(" and o.memoryGib >= :minMemoryGb");
            params.put("minMemoryGb", minMemoryGb);
        }
        if (arch != null) {
            where.append(" and o.arch = :arch");
            params.put("arch", arch);
        }
        if (usage != null) {
            where.append(" and o.usage = :usage");
            params.put("usage", usage);
        }
        if (available != null) {
            where.append(" and o.available = :available");
            params.put("available", available);
        }
        if (maxPrice != null) {
            where.append(" and o.price <= :maxPrice");
            params.put("maxPrice", maxPrice);
        }
        return new Hql(where.toString(), params);
    }

    /** The same filter over an offer view (removed offers match, so removals reach event subscribers). */
    public boolean matches(OfferView offer) {
        if (!providers.isEmpty() && !providers.contains(offer.provider())) {
            return false;
        }
        if (!clouds.isEmpty() && !clouds.contains(offer.cloud())) {
            return false;
        }
        if (!regions.isEmpty() && !regions.contains(offer.region())) {
            return false;
        }
        OfferView.GpuView g = offer.gpu();
        if (gpu != null && (g == null || !gpu.equals(g.model()))) {
            return false;
        }
        if (gpuCount != null && (g == null || g.count() == null || g.count().compareTo(gpuCount) != 0)) {
            return false;
        }
        if (minGpuCount != null && (g == null || g.count() == null || g.count().compareTo(minGpuCount) < 0)) {
            return false;
        }
        if (minGpuMemoryGb != null
                && (g == null || g.memoryGb() == null || g.memoryGb().compareTo(minGpuMemoryGb) < 0)) {
            return false;
        }
        if (minVcpus != null && (offer.vcpus() == null || offer.vcpus().compareTo(minVcpus) < 0)) {
            return false;
        }
        if (minMemoryGb != null && (offer.memoryGb() == null || offer.memoryGb().compareTo(minMemoryGb) < 0)) {
            return false;
        }
        if (arch != null && !arch.equals(offer.arch())) {
            return false;
        }
        if (usage != null && !usage.equals(offer.usage())) {
            return false;
        }
        if (available != null && available != offer.available()) {
            return false;
        }
        return maxPrice == null || (offer.priceAmount() != null && offer.priceAmount().compareTo(maxPrice) <= 0);
    }

    /** Kinds of change an event subscriber can ask for. */
    public static final Set<String> CHANGE_KINDS = Set.of("added", "removed", "price", "availability", "updated");
}
