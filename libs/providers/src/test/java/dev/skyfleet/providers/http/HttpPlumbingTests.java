package dev.skyfleet.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyfleet.providers.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HttpPlumbingTests {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T18:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfterReadsDelaySeconds() {
        assertThat(RetryAfter.parse("7", CLOCK)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", CLOCK)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterReadsAnHttpDateRelativeToTheClock() {
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 18:00:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 17:59:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterIgnoresGarbage() {
        assertThat(RetryAfter.parse("soon", CLOCK)).isNull();
        assertThat(RetryAfter.parse("-5", CLOCK)).isNull();
        assertThat(RetryAfter.parse(null, CLOCK)).isNull();
    }

    @Test
    void tokenBucketAllowsTheBurstThenRefusesUntilRefilled() {
        TokenBucket bucket = new TokenBucket(1.0, 2, Sleeper.REAL);

        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void tokenBucketWaitsForTheNextTokenInsteadOfFailing() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(20.0, 1, Sleeper.REAL);
        bucket.acquire();

        long start = System.nanoTime();
        bucket.acquire();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(waitedMillis).isBetween(20L, 5000L);
    }

    @Test
    void redactMasksTheSecretWhereverItAppears() {
        ProviderHttpClient client = new ProviderHttpClient("x", HttpSettings.defaults(), Secret.ofNullable("abc123"),
                (s, b, r) -> null, Sleeper.REAL, CLOCK);

        assertThat(client.redact("key abc123 and again abc123")).isEqualTo("key **** and again ****");
    }

    @Test
    void secretNeverPrintsItself() {
        Secret secret = Secret.ofNullable("topsecret");

        assertThat(secret.toString()).doesNotContain("topsecret");
        assertThat(String.valueOf(new dev.skyfleet.providers.lambda.LambdaConfig(null, secret, null, null)))
                .doesNotContain("topsecret");
    }
}
