package dev.skyfleet.providers.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * AWS EC2 settings (catalog reader and write side).
 *
 * @param credentials credentials provider; null = the SDK default chain (env, profile, web identity, IMDS)
 * @param regions regions to read; empty = every region the account has enabled (DescribeRegions, not-opted-in
 *        skipped); a non-empty list is intersected with the enabled regions
 * @param homeRegion region used for DescribeRegions ({@code us-east-1})
 * @param pricingRegion Pricing API endpoint region ({@code us-east-1}; {@code ap-south-1}, {@code eu-central-1})
 * @param endpointOverride one base URI for EC2 and Pricing (tests: a local stub); null in production
 * @param parallelism regions read concurrently
 * @param apiCallTimeout timeout of one SDK call including its retries
 * @param maxAttempts SDK attempts per call (throttling and 5xx are retried by the SDK's standard strategy); launch
 *        calls ({@code RunInstances}) always make exactly one attempt, whatever this says
 * @param defaultImageId AMI launched when a {@code CreateInstanceRequest} names no image; null = none, and such a
 *        create fails with {@code INVALID_REQUEST}. AMI ids are per region and there is no safe built-in value:
 *        <b>a real deployment must set it</b> (property {@code aws.default-image-id}) or pass an image per request
 */
public record AwsConfig(AwsCredentialsProvider credentials, List<String> regions, String homeRegion,
        String pricingRegion, URI endpointOverride, int parallelism, Duration apiCallTimeout, int maxAttempts,
        String defaultImageId) {

    public AwsConfig {
        regions = regions == null ? List.of() : List.copyOf(regions);
        homeRegion = homeRegion == null || homeRegion.isBlank() ? "us-east-1" : homeRegion;
        pricingRegion = pricingRegion == null || pricingRegion.isBlank() ? "us-east-1" : pricingRegion;
        parallelism = parallelism < 1 ? 4 : parallelism;
        apiCallTimeout = apiCallTimeout == null ? Duration.ofSeconds(60) : apiCallTimeout;
        maxAttempts = maxAttempts < 1 ? 4 : maxAttempts;
        defaultImageId = defaultImageId == null || defaultImageId.isBlank() ? null : defaultImageId.trim();
    }

    /** Reader-only settings (no default AMI). */
    public AwsConfig(AwsCredentialsProvider credentials, List<String> regions, String homeRegion,
            String pricingRegion, URI endpointOverride, int parallelism, Duration apiCallTimeout, int maxAttempts) {
        this(credentials, regions, homeRegion, pricingRegion, endpointOverride, parallelism, apiCallTimeout,
                maxAttempts, null);
    }

    /** Production defaults: default credential chain, all enabled regions, 4 regions in parallel. */
    public static AwsConfig defaults() {
        return new AwsConfig(null, List.of(), null, null, null, 4, null, 4, null);
    }

    AwsCredentialsProvider credentialsOrDefault() {
        return credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
    }
}
