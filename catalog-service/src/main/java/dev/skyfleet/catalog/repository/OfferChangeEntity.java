package dev.skyfleet.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A row of {@code offer_change}: one visible change of an offer; the id is the SSE event id. */
@Entity
@Immutable
@Table(name = "offer_change")
public class OfferChangeEntity {
    @Id
    public Long id;
    @Column(name = "offer_id")
    public String offerId;
    public String kinds;
    @Column(name = "offer_json")
    public String offerJson;
    @Column(name = "previous_price")
    public BigDecimal previousPrice;
    @Column(name = "previous_available")
    public Boolean previousAvailable;
    @Column(name = "changed_at")
    public Instant changedAt;
}
