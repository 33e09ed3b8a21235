package dev.skyfleet.providers;

import dev.skyfleet.model.Capability;
import dev.skyfleet.model.InstanceTypeSpec;
import dev.skyfleet.model.Offer;
import dev.skyfleet.model.Region;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One cloud provider, read side and write side. Every method either answers or throws a
 * {@link ProviderException} whose kind says what went wrong and whether a retry can help. Readers are lenient:
 * unknown fields, new enum values and new regions never fail a call.
 *
 * <p>Write operations default to {@link ErrorKind#NOT_SUPPORTED}; a provider overrides those its
 * {@link #capabilities()} declare.
 */
public interface CloudProvider {

    /** Lower-case provider id: {@code lambda}, {@code aws}, {@code shadeform}, {@code sandbox}, {@code gcp}... */
    String id();

    /** What this provider can do. */
    Set<Capability> capabilities();

    // ---- read side ----

    List<Region> listRegions();

    List<InstanceTypeSpec> listInstanceTypes();

    /** The full current catalog of offers: every type × place × usage class the provider lists now. */
    List<Offer> listOffers();

    /**
     * Regions, instance types and offers from one read of the provider. REST providers override this to make one
     * round of API calls instead of three; the default calls the three list methods.
     */
    default CatalogSnapshot readCatalog() {
        return new CatalogSnapshot(listRegions(), listInstanceTypes(), listOffers());
    }

    // ---- write side ----

    /**
     * Launches one instance. The request's {@code refId} is stored with the instance (tag or name) so that
     * {@link #listInstances} finds it again after a crash; providers with an idempotency token use it too.
     */
    default ProviderInstance createInstance(CreateInstanceRequest request) {
        throw ProviderException.notSupported(id(), "create-instance");
    }

    /** Terminates an instance. Terminating an instance that is already gone succeeds. */
    default void terminateInstance(String providerInstanceId) {
        throw ProviderException.notSupported(id(), "terminate-instance");
    }

    default Optional<ProviderInstance> getInstance(String providerInstanceId) {
        throw ProviderException.notSupported(id(), "get-instance");
    }

    /** Instances created by Skyfleet matching the filter; instances without our tags are skipped, not errors. */
    default List<ProviderInstance> listInstances(InstanceFilter filter) {
        throw ProviderException.notSupported(id(), "list-instances");
    }

    default void rebootInstance(String providerInstanceId) {
        throw ProviderException.notSupported(id(), Capability.REBOOT_INSTANCE.wire());
    }

    default void stopInstance(String providerInstanceId) {
        throw ProviderException.notSupported(id(), Capability.STOP_START_INSTANCE.wire());
    }

    default void startInstance(String providerInstanceId) {
        throw ProviderException.notSupported(id(), Capability.STOP_START_INSTANCE.wire());
    }
}
