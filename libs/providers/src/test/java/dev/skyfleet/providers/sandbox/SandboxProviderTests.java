package dev.skyfleet.providers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skyfleet.model.Architecture;
import dev.skyfleet.model.Capability;
import dev.skyfleet.model.InstanceState;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.OfferSource;
import dev.skyfleet.model.Region;
import dev.skyfleet.model.UsageClass;
import dev.skyfleet.providers.CreateInstanceRequest;
import dev.skyfleet.providers.ErrorKind;
import dev.skyfleet.providers.InstanceFilter;
import dev.skyfleet.providers.ProviderException;
import dev.skyfleet.providers.ProviderInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SandboxProviderTests {
    private static final Instant T0 = Instant.parse("2026-11-21T18:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);

    private SandboxProvider sandbox(long seed, int availabilityPercent) {
        return new SandboxProvider(SandboxConfig.withSeedAndClock(seed, clock)
                .withLaunchDelay(Duration.ofSeconds(30)).withAvailabilityPercent(availabilityPercent));
    }

    private static CreateInstanceRequest request(String refId, String region, String zone, String type) {
        return new CreateInstanceRequest(refId, "cred-1", null, region, zone, type, UsageClass.ON_DEMAND, "ssh-ed25519 AAA",
                null, null, Map.of("team", "ml"));
    }

    private static Map<String, Offer> byId(List<Offer> offers) {
        return offers.stream().collect(Collectors.toMap(Offer::id, o -> o));
    }

    @Test
    void lineupHasGpuAndCpuTypesIncludingArmAcrossZonalAndRegionalRegions() {
        SandboxProvider sandbox = sandbox(1, 100);

        List<InstanceTypeSpec> types = sandbox.listInstanceTypes();
        List<Offer> offers = sandbox.listOffers();

        assertThat(types).extracting(t -> t.gpu() == null ? "cpu" : t.gpu().model())
                .contains("H100", "A100", "L40S", "A10", "L4", "GH200", "cpu");
        assertThat(types).filteredOn(t -> t.name().equals("gpu_1x_gh200")).extracting(InstanceTypeSpec::architecture)
                .containsExactly(Architecture.ARM64);
        assertThat(sandbox.listRegions()).extracting(Region::id).hasSize(4);
        assertThat(offers).anyMatch(o -> o.zone() != null).anyMatch(o -> o.zone() == null)
                .anyMatch(o -> o.usage() == UsageClass.SPOT).allMatch(o -> o.source() == OfferSource.SIMULATOR)
                .allMatch(o -> o.pricePerHour() != null && o.pricePerHour().amount().signum() > 0);
        assertThat(offers.stream().map(Offer::id).distinct().count()).isEqualTo(offers.size());
        assertThat(offers).filteredOn(o -> o.instanceType().equals("gpu_1x_gh200"))
                .noneMatch(o -> o.usage() == UsageClass.SPOT);
    }

    @Test
    void sameSeedAndSameClockGiveTheSameCatalog() {
        List<Offer> first = sandbox(7, 60).listOffers();
        List<Offer> second = sandbox(7, 60).listOffers();
        List<Offer> otherSeed = sandbox(8, 60).listOffers();

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void capacityAndPricesChangeAsTheClockMovesAndStayStableWithinAPeriod() {
        SandboxProvider sandbox = sandbox(7, 60);
        List<Offer> at0 = sandbox.listOffers();
        clock.advance(Duration.ofMinutes(1));
        List<Offer> withinPeriod = sandbox.listOffers();
        clock.advance(Duration.ofHours(2));
        List<Offer> later = sandbox.listOffers();

        assertThat(withinPeriod).extracting(Offer::available).isEqualTo(at0.stream().map(Offer::available).toList());
        assertThat(withinPeriod).extracting(Offer::pricePerHour).isEqualTo(at0.stream().map(Offer::pricePerHour).toList());
        assertThat(later).extracting(Offer::available).isNotEqualTo(at0.stream().map(Offer::available).toList());
        assertThat(later).extracting(Offer::pricePerHour).isNotEqualTo(at0.stream().map(Offer::pricePerHour).toList());
        long available = at0.stream().filter(Offer::available).count();
        assertThat(available).isBetween(at0.size() * 40L / 100, at0.size() * 80L / 100);
    }

    @Test
    void launchedInstanceIsPendingUntilTheLaunchDelayHasPassedOnTheClock() {
        SandboxProvider sandbox = sandbox(1, 100);

        ProviderInstance created = sandbox.createInstance(request("ref-1", "sim-us-east-1", null, "gpu_1x_a10"));
        assertThat(created.state()).isEqualTo(InstanceState.PENDING);
        assertThat(created.rawState()).isEqualTo("provisioning");
        assertThat(created.publicIp()).isNull();
        assertThat(created.zone()).startsWith("sim-us-east-1");
        assertThat(created.createdAt()).isEqualTo(T0);

        clock.advance(Duration.ofSeconds(29));
        assertThat(sandbox.getInstance(created.providerInstanceId()).orElseThrow().state())
                .isEqualTo(InstanceState.PENDING);

        clock.advance(Duration.ofSeconds(1));
        ProviderInstance running = sandbox.getInstance(created.providerInstanceId()).orElseThrow();
        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(running.publicIp()).isNotNull();
    }

    @Test
    void createWithTheSameRefIdTwiceReturnsTheExistingInstance() {
        SandboxProvider sandbox = sandbox(1, 100);

        ProviderInstance first = sandbox.createInstance(request("ref-dup", "sim-eu-central-1", null, "gpu_1x_h100_sxm5"));
        clock.advance(Duration.ofMinutes(1));
        ProviderInstance second = sandbox.createInstance(request("ref-dup", "sim-eu-central-1", null,
                "gpu_1x_h100_sxm5"));

        assertThat(second.providerInstanceId()).isEqualTo(first.providerInstanceId());
        assertThat(sandbox.listInstances(InstanceFilter.byRefId("ref-dup"))).hasSize(1);
        assertThat(sandbox.createdCount()).isEqualTo(1);
        assertThat(sandbox.capabilities()).contains(Capability.CREATE_INSTANCE_IDEMPOTENT);
    }

    @Test
    void concurrentCreatesWithOneRefIdMakeOneInstance() throws Exception {
        SandboxProvider sandbox = sandbox(1, 100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ProviderInstance>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> sandbox.createInstance(request("ref-race", "sim-us-west-1", null, "cpu_4x_general")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<ProviderInstance> f : pool.invokeAll(calls)) {
                ids.add(f.get().providerInstanceId());
            }
            assertThat(ids).hasSize(1);
            assertThat(sandbox.createdCount()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refIdCredentialAndTagsRoundTripThroughGetAndList() {
        SandboxProvider sandbox = sandbox(1, 100);
        ProviderInstance created = sandbox.createInstance(request("ref-tags", "sim-us-east-1", "sim-us-east-1b",
                "gpu_1x_l4"));

        ProviderInstance got = sandbox.getInstance(created.providerInstanceId()).orElseThrow();
        List<ProviderInstance> inRegion = sandbox.listInstances(new InstanceFilter(null, "sim-us-east-1"));
        List<ProviderInstance> elsewhere = sandbox.listInstances(new InstanceFilter(null, "sim-us-west-1"));

        assertThat(got.refId()).isEqualTo("ref-tags");
        assertThat(got.credentialRef()).isEqualTo("cred-1");
        assertThat(got.zone()).isEqualTo("sim-us-east-1b");
        assertThat(got.tags()).containsEntry("team", "ml").containsEntry(SandboxProvider.REF_ID_TAG, "ref-tags");
        assertThat(inRegion).extracting(ProviderInstance::providerInstanceId).containsExactly(created.providerInstanceId());
        assertThat(elsewhere).isEmpty();
    }

    @Test
    void terminateIsIdempotentAndUnknownInstancesAreAlreadyGone() {
        SandboxProvider sandbox = sandbox(1, 100);
        ProviderInstance created = sandbox.createInstance(request("ref-t", "sim-us-east-1", null, "cpu_4x_general"));

        sandbox.terminateInstance(created.providerInstanceId());
        assertThat(sandbox.getInstance(created.providerInstanceId()).orElseThrow().state())
                .isEqualTo(InstanceState.TERMINATING);
        sandbox.terminateInstance(created.providerInstanceId());
        clock.advance(Duration.ofSeconds(5));
        sandbox.terminateInstance(created.providerInstanceId());
        sandbox.terminateInstance("sbx-does-not-exist");

        assertThat(sandbox.getInstance(created.providerInstanceId()).orElseThrow().state())
                .isEqualTo(InstanceState.TERMINATED);
        assertThat(sandbox.getInstance("sbx-does-not-exist")).isEmpty();
    }

    @Test
    void injectedCapacityErrorFailsTheLaunchWhileTheOfferStillLooksAvailable() {
        SandboxProvider sandbox = sandbox(1, 100);
        String offerId = "sandbox:sim-us-west-1:sim-us-west-1a:gpu_8x_h100_sxm5:on-demand";
        sandbox.faults().capacityError(offerId);

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> sandbox.createInstance(request("ref-c", "sim-us-west-1", "sim-us-west-1a", "gpu_8x_h100_sxm5")));

        assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_CAPACITY);
        assertThat(e.getMessage()).contains(offerId);
        assertThat(byId(sandbox.listOffers()).get(offerId).available()).isTrue();
        assertThat(sandbox.createdCount()).isZero();
        ProviderInstance other = sandbox.createInstance(request("ref-c", "sim-us-west-1", "sim-us-west-1b",
                "gpu_8x_h100_sxm5"));
        assertThat(other.zone()).isEqualTo("sim-us-west-1b");
    }

    @Test
    void launchWithoutZonePicksAZoneThatHasCapacity() {
        SandboxProvider sandbox = sandbox(1, 100);
        sandbox.faults().capacityError("sandbox:sim-us-east-1:sim-us-east-1a:gpu_1x_a10:on-demand");

        ProviderInstance created = sandbox.createInstance(request("ref-z", "sim-us-east-1", null, "gpu_1x_a10"));

        assertThat(created.zone()).isEqualTo("sim-us-east-1b");
    }

    @Test
    void offerWithoutCapacityInTheCurrentPeriodCannotBeLaunched() {
        SandboxProvider sandbox = sandbox(3, 50);
        Offer unavailable = sandbox.listOffers().stream()
                .filter(o -> !o.available() && o.zone() == null && o.usage() == UsageClass.ON_DEMAND).findFirst()
                .orElseThrow();

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sandbox.createInstance(
                request("ref-u", unavailable.region(), null, unavailable.instanceType())));

        assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_CAPACITY);
    }

    @Test
    void injectedQuotaErrorAndTheRegionQuotaBothGiveQuotaExceeded() {
        SandboxProvider sandbox = new SandboxProvider(SandboxConfig.withSeedAndClock(1, clock)
                .withAvailabilityPercent(100).withMaxInstancesPerRegion(2));
        sandbox.faults().quotaExceeded("sim-ap-northeast-1");

        ProviderException injected = catchThrowableOfType(ProviderException.class,
                () -> sandbox.createInstance(request("q-0", "sim-ap-northeast-1", null, "gpu_1x_l4")));
        sandbox.createInstance(request("q-1", "sim-eu-central-1", null, "cpu_4x_general"));
        ProviderInstance second = sandbox.createInstance(request("q-2", "sim-eu-central-1", null, "cpu_4x_general"));
        ProviderException limit = catchThrowableOfType(ProviderException.class,
                () -> sandbox.createInstance(request("q-3", "sim-eu-central-1", null, "cpu_4x_general")));
        sandbox.terminateInstance(second.providerInstanceId());
        clock.advance(Duration.ofMinutes(1));
        ProviderInstance afterTerminate = sandbox.createInstance(request("q-3", "sim-eu-central-1", null,
                "cpu_4x_general"));

        assertThat(injected.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(limit.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(afterTerminate.refId()).isEqualTo("q-3");
    }

    @Test
    void outageAndAuthFailureBreakEveryCallUntilCleared() {
        SandboxProvider sandbox = sandbox(1, 100);

        sandbox.faults().outage(true);
        ProviderException outage = catchThrowableOfType(ProviderException.class, sandbox::listOffers);
        sandbox.faults().outage(false).authFailure(true);
        ProviderException auth = catchThrowableOfType(ProviderException.class,
                () -> sandbox.createInstance(request("a-1", "sim-us-east-1", null, "gpu_1x_a10")));
        sandbox.faults().clear();

        assertThat(outage.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(outage.retryable()).isTrue();
        assertThat(auth.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(sandbox.listOffers()).isNotEmpty();
    }

    @Test
    void unknownRawStateIsUnknownNeverPending() {
        SandboxProvider sandbox = sandbox(1, 100);
        ProviderInstance created = sandbox.createInstance(request("ref-s", "sim-us-east-1", null, "gpu_1x_a10"));

        sandbox.faults().rawState(created.providerInstanceId(), "migrating-host");
        ProviderInstance seen = sandbox.getInstance(created.providerInstanceId()).orElseThrow();

        assertThat(seen.state()).isEqualTo(InstanceState.UNKNOWN);
        assertThat(seen.rawState()).isEqualTo("migrating-host");
        assertThat(SandboxProvider.mapState("deleting")).isEqualTo(InstanceState.UNKNOWN);
        assertThat(SandboxProvider.mapState(null)).isEqualTo(InstanceState.UNKNOWN);
        assertThat(SandboxProvider.mapState("provisioning")).isEqualTo(InstanceState.PENDING);
    }

    @Test
    void stopStartAndRebootFollowTheClockAndTypeCapabilities() {
        SandboxProvider sandbox = sandbox(1, 100);
        ProviderInstance cpu = sandbox.createInstance(request("ref-ss", "sim-us-east-1", null, "cpu_16x_general"));
        ProviderInstance h100x8 = sandbox.createInstance(request("ref-h", "sim-us-east-1", null, "gpu_8x_h100_sxm5"));
        String id = cpu.providerInstanceId();

        ProviderException notYet = catchThrowableOfType(ProviderException.class, () -> sandbox.rebootInstance(id));
        clock.advance(Duration.ofSeconds(30));
        sandbox.rebootInstance(id);
        sandbox.stopInstance(id);
        InstanceState stopping = sandbox.getInstance(id).orElseThrow().state();
        clock.advance(Duration.ofSeconds(10));
        InstanceState stopped = sandbox.getInstance(id).orElseThrow().state();
        sandbox.startInstance(id);
        InstanceState starting = sandbox.getInstance(id).orElseThrow().state();
        clock.advance(Duration.ofSeconds(30));
        InstanceState running = sandbox.getInstance(id).orElseThrow().state();
        ProviderException notStoppable = catchThrowableOfType(ProviderException.class,
                () -> sandbox.stopInstance(h100x8.providerInstanceId()));
        ProviderException missing = catchThrowableOfType(ProviderException.class,
                () -> sandbox.rebootInstance("sbx-nope"));

        assertThat(notYet.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(sandbox.rebootCount(id)).isEqualTo(1);
        assertThat(List.of(stopping, stopped, starting, running)).containsExactly(InstanceState.STOPPING,
                InstanceState.STOPPED, InstanceState.PENDING, InstanceState.RUNNING);
        assertThat(notStoppable.kind()).isEqualTo(ErrorKind.NOT_SUPPORTED);
        assertThat(missing.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void invalidPlacementIsAnInvalidRequest() {
        SandboxProvider sandbox = sandbox(1, 100);

        List<ProviderException> errors = List.of(
                catchThrowableOfType(ProviderException.class,
                        () -> sandbox.createInstance(request("i-1", "sim-mars-1", null, "gpu_1x_a10"))),
                catchThrowableOfType(ProviderException.class,
                        () -> sandbox.createInstance(request("i-2", "sim-us-east-1", null, "gpu_99x_nope"))),
                catchThrowableOfType(ProviderException.class,
                        () -> sandbox.createInstance(request("i-3", "sim-eu-central-1", "sim-eu-central-1a",
                                "gpu_1x_a10"))),
                catchThrowableOfType(ProviderException.class,
                        () -> sandbox.createInstance(request("i-4", "sim-us-east-1", "sim-us-west-1a", "gpu_1x_a10"))),
                catchThrowableOfType(ProviderException.class,
                        () -> sandbox.createInstance(request("i-5", "sim-ap-northeast-1", null, "gpu_1x_gh200"))));

        assertThat(errors).allSatisfy(e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        assertThat(sandbox.createdCount()).isZero();
    }
}
