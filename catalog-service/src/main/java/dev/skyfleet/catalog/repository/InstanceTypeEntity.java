package dev.skyfleet.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/** A row of {@code instance_type}. */
@Entity
@Immutable
@Table(name = "instance_type")
public class InstanceTypeEntity {
    @EmbeddedId
    public Key key;
    public BigDecimal vcpus;
    @Column(name = "memory_gib")
    public BigDecimal memoryGib;
    @Column(name = "storage_gb")
    public BigDecimal storageGb;
    @Column(name = "gpu_model")
    public String gpuModel;
    @Column(name = "gpu_count")
    public BigDecimal gpuCount;
    @Column(name = "gpu_memory_gb")
    public BigDecimal gpuMemoryGb;
    @Column(name = "gpu_interconnect")
    public String gpuInterconnect;
    @Column(name = "gpu_manufacturer")
    public String gpuManufacturer;
    @Column(name = "gpu_raw")
    public String gpuRaw;
    public String arch;
    public String capabilities;
    @Column(name = "network_performance")
    public String networkPerformance;
    public String description;
    public boolean removed;
    @Column(name = "observed_at")
    public Instant observedAt;

    /** Primary key: provider and SKU name. */
    @Embeddable
    public static class Key implements Serializable {
        public String provider;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(provider, other.provider)
                    && Objects.equals(name, other.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(provider, name);
        }
    }
}
