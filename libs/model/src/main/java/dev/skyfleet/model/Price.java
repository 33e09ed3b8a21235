package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.Objects;

/** An hourly price for a whole instance: a decimal amount and an ISO 4217 currency. Never a double. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Price(BigDecimal amount, String currency) implements Comparable<Price> {

    public Price {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("price must not be negative: " + amount);
        }
        currency = currency == null || currency.isBlank() ? "USD" : currency.trim().toUpperCase(java.util.Locale.ROOT);
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }

    public static Price usd(String amount) {
        return new Price(new BigDecimal(amount), "USD");
    }

    public static Price usd(BigDecimal amount) {
        return new Price(amount, "USD");
    }

    /** Integer US cents, as Lambda Cloud and Shadeform report them. */
    public static Price usdCents(long cents) {
        return new Price(BigDecimal.valueOf(cents, 2), "USD");
    }

    /** Orders by amount; prices in different currencies are not comparable. */
    @Override
    public int compareTo(Price other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
        }
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency + "/h";
    }
}
