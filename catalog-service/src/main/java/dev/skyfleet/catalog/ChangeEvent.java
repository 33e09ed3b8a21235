package dev.skyfleet.catalog;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One visible change of an offer, as {@code GET /api/v1/events} sends it; {@code id} is the SSE event id.
 *
 * @param id position in the change log; resume after it with {@code Last-Event-ID}
 * @param kinds {@code added}, {@code removed}, {@code price}, {@code availability} and/or {@code updated}
 * @param offerId the offer's id
 * @param offer the offer after the change (as last seen, for a removal)
 * @param previousPrice the price before a {@code price} change
 * @param previousAvailable availability before an {@code availability} change
 * @param at when the change was detected
 */
@Schema(name = "OfferChange")
public record ChangeEvent(long id, List<String> kinds, String offerId, OfferView offer,
        OfferView.PriceView previousPrice, Boolean previousAvailable, Instant at) {
}
