package dev.skyfleet.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A row of {@code provider_status}: the last status the poller published for a provider. */
@Entity
@Immutable
@Table(name = "provider_status")
public class ProviderStatusEntity {
    @Id
    public String provider;
    public String state;
    @Column(name = "last_success_at")
    public Instant lastSuccessAt;
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "offer_count")
    public int offerCount;
    @Column(name = "poll_interval_s")
    public Long pollIntervalSeconds;
    public String capabilities;
    @Column(name = "status_at")
    public Instant statusAt;
}
