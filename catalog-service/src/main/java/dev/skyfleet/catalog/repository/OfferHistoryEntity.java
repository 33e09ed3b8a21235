package dev.skyfleet.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A row of {@code offer_history}: the offer's price and availability from {@code observedAt} on. */
@Entity
@Immutable
@Table(name = "offer_history")
public class OfferHistoryEntity {
    @Id
    public Long id;
    @Column(name = "offer_id")
    public String offerId;
    public BigDecimal price;
    public String currency;
    public boolean available;
    public boolean removed;
    @Column(name = "observed_at")
    public Instant observedAt;
}
