package dev.skyfleet.providers.http;

import java.time.Duration;

/**
 * A client-side rate limiter: {@code burst} tokens, refilled at {@code perSecond}. {@link #acquire()} blocks until a
 * token is free, so one bucket shared by every call of one API key keeps us under the provider's limit.
 */
public final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, int burst, Sleeper sleeper) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perNano = perSecond / 1_000_000_000d;
        this.capacity = burst;
        this.tokens = burst;
        this.sleeper = sleeper;
        this.last = System.nanoTime();
    }

    /** Takes one token, waiting for it when the bucket is empty. */
    public void acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    return;
                }
                waitNanos = (long) Math.ceil((1 - tokens) / perNano);
            }
            sleeper.sleep(Duration.ofNanos(Math.max(waitNanos, 1_000_000)));
        }
    }

    /** Takes a token only if one is free now. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}
