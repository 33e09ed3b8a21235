package dev.skyfleet.poller.support;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.Gpu;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Interconnect;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Price;
import dev.skyfleet.model.Region;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.CloudProvider;
import dev.skyfleet.providers.ProviderException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the provider SPI with a catalog the test controls: offers can be added, repriced, removed,
 * and the next read can be made to fail or to block. Not a remote API mock: the poller is what is under test.
 */
public final class FakeProvider implements CloudProvider {
    private final String id;
    private final List<Offer> offers = new ArrayList<>();
    private final List<InstanceTypeSpec> types = new ArrayList<>();
    private volatile RuntimeException failure;
    private volatile CountDownLatch gate;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private volatile int maxConcurrent;

    public FakeProvider(String id) {
        this.id = id;
    }

    /** A provider with a unique id, so tests never see each other's offers. */
    public static FakeProvider unique() {
        return new FakeProvider("fake-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static InstanceTypeSpec gpuType(String provider, String name) {
        return new InstanceTypeSpec(provider, name, new BigDecimal("26"), new BigDecimal("200"), null,
                new Gpu("H100", BigDecimal.ONE, new BigDecimal("80"), Interconnect.PCIE, null, "1x H100 (80 GB PCIe)"),
                Architecture.X86_64, Set.of(Capability.REBOOT_INSTANCE), null, "test type");
    }

    /** Adds an on-demand offer of a GPU type in a region at a price (USD/h); returns its id. */
    public synchronized String offer(String region, String type, String price) {
        InstanceTypeSpec spec = types.stream().filter(t -> t.name().equals(type)).findFirst().orElseGet(() -> {
            InstanceTypeSpec created = gpuType(id, type);
            types.add(created);
            return created;
        });
        Offer offer = Offer.of(id, null, region, null, UsageClass.ON_DEMAND, spec, Price.usd(price), true,
                OfferSource.API, Instant.now());
        offers.removeIf(o -> o.id().equals(offer.id()));
        offers.add(offer);
        return offer.id();
    }

    public synchronized void reprice(String offerId, String price) {
        replace(offerId, o -> o.observed(Price.usd(price), o.available(), Instant.now()));
    }

    public synchronized void availability(String offerId, boolean available) {
        replace(offerId, o -> o.observed(o.pricePerHour(), available, Instant.now()));
    }

    public synchronized void remove(String offerId) {
        offers.removeIf(o -> o.id().equals(offerId));
    }

    public synchronized void removeType(String type) {
        types.removeIf(t -> t.name().equals(type));
        offers.removeIf(o -> o.instanceType().equals(type));
    }

    private void replace(String offerId, java.util.function.UnaryOperator<Offer> change) {
        for (int i = 0; i < offers.size(); i++) {
            if (offers.get(i).id().equals(offerId)) {
                offers.set(i, change.apply(offers.get(i)));
                return;
            }
        }
        throw new IllegalArgumentException("no offer " + offerId);
    }

    /** Every read fails with this error until {@link #recover()}. */
    public void failWith(RuntimeException error) {
        this.failure = error;
    }

    public void failWith(ProviderException error) {
        this.failure = error;
    }

    public void recover() {
        this.failure = null;
    }

    /** Reads block until the returned latch is counted down. */
    public CountDownLatch block() {
        gate = new CountDownLatch(1);
        return gate;
    }

    public int reads() {
        return reads.get();
    }

    public int maxConcurrentReads() {
        return maxConcurrent;
    }

    public synchronized int offerCount() {
        return offers.size();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.CREATE_INSTANCE, Capability.TERMINATE_INSTANCE);
    }

    @Override
    public List<Region> listRegions() {
        return List.of(new Region(id, "test-1", "Test region"));
    }

    @Override
    public List<InstanceTypeSpec> listInstanceTypes() {
        enter();
        try {
            synchronized (this) {
                return List.copyOf(types);
            }
        } finally {
            concurrent.decrementAndGet();
        }
    }

    @Override
    public List<Offer> listOffers() {
        enter();
        try {
            reads.incrementAndGet();
            synchronized (this) {
                List<Offer> now = new ArrayList<>();
                Instant at = Instant.now();
                for (Offer o : offers) {
                    now.add(o.observed(o.pricePerHour(), o.available(), at));
                }
                return now;
            }
        } finally {
            concurrent.decrementAndGet();
        }
    }

    private void enter() {
        int running = concurrent.incrementAndGet();
        maxConcurrent = Math.max(maxConcurrent, running);
        CountDownLatch latch = gate;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                concurrent.decrementAndGet();
                throw new IllegalStateException("interrupted");
            }
        }
        RuntimeException error = failure;
        if (error != null) {
            concurrent.decrementAndGet();
            throw error;
        }
    }
}
