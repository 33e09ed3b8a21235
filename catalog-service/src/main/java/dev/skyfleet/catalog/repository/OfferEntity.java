package dev.skyfleet.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A row of {@code offer}; written only by the ingest statements, read by the API. */
@Entity
@Immutable
@Table(name = "offer")
public class OfferEntity {
    @Id
    public String id;
    public String provider;
    public String cloud;
    public String region;
    public String zone;
    @Column(name = "instance_type")
    public String instanceType;
    public String usage;
    @Column(name = "gpu_model")
    public String gpuModel;
    @Column(name = "gpu_count")
    public BigDecimal gpuCount;
    @Column(name = "gpu_memory_gb")
    public BigDecimal gpuMemoryGb;
    @Column(name = "gpu_total_memory_gb")
    public BigDecimal gpuTotalMemoryGb;
    @Column(name = "gpu_interconnect")
    public String gpuInterconnect;
    @Column(name = "gpu_manufacturer")
    public String gpuManufacturer;
    @Column(name = "gpu_raw")
    public String gpuRaw;
    public BigDecimal vcpus;
    @Column(name = "memory_gib")
    public BigDecimal memoryGib;
    @Column(name = "storage_gb")
    public BigDecimal storageGb;
    public String arch;
    public String capabilities;
    public BigDecimal price;
    public String currency;
    public boolean available;
    public boolean removed;
    public String source;
    @Column(name = "observed_at")
    public Instant observedAt;
    @Column(name = "event_at")
    public Instant eventAt;
    @Column(name = "price_key", insertable = false, updatable = false)
    public BigDecimal priceKey;
    @Column(name = "price_per_gpu", insertable = false, updatable = false)
    public BigDecimal pricePerGpu;
    @Column(name = "price_per_gpu_key", insertable = false, updatable = false)
    public BigDecimal pricePerGpuKey;
    @Column(name = "gpu_memory_key", insertable = false, updatable = false)
    public BigDecimal gpuMemoryKey;
}
