package dev.skyfleet.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every topic of DESIGN.md "Topics and events", with its owner noted. */
public final class Topics {
    /** Owner: inventory-poller. Key: offer id. */
    public static final TopicSpec OFFERS = new TopicSpec("skyfleet.offers.v1", 6, true, null);
    /** Owner: inventory-poller. Key: {@code provider/type}. */
    public static final TopicSpec INSTANCE_TYPES = new TopicSpec("skyfleet.instance-types.v1", 3, true, null);
    /** Owner: inventory-poller. Key: provider id. */
    public static final TopicSpec PROVIDER_STATUS = new TopicSpec("skyfleet.provider-status.v1", 1, true, null);
    /** Owner: provisioner. Key: instance id. */
    public static final TopicSpec PROVISIONING_COMMANDS = new TopicSpec("skyfleet.provisioning.commands.v1", 6, false,
            Duration.ofDays(7));
    /** Owner: provisioner. Key: instance id. */
    public static final TopicSpec INSTANCES = new TopicSpec("skyfleet.instances.v1", 6, true, null);
    /** Owner: config-generator. Key: snapshot name. */
    public static final TopicSpec SNAPSHOTS = new TopicSpec("skyfleet.snapshots.v1", 1, true, null);

    /** Topics the inventory poller owns and creates. */
    public static final List<TopicSpec> CATALOG = List.of(OFFERS, INSTANCE_TYPES, PROVIDER_STATUS);

    public static final List<TopicSpec> ALL = List.of(OFFERS, INSTANCE_TYPES, PROVIDER_STATUS, PROVISIONING_COMMANDS,
            INSTANCES, SNAPSHOTS);

    private Topics() {
    }

    /**
     * The topics a service makes sure of at start: those it produces, those it consumes (with their owners' specs,
     * so the start order of the services does not matter and nothing is left to broker auto-creation), and the
     * dead-letter topic of each one it consumes. No duplicates, in a stable order.
     */
    public static List<TopicSpec> forService(Collection<TopicSpec> produced, Collection<TopicSpec> consumed) {
        Set<TopicSpec> all = new LinkedHashSet<>(produced);
        all.addAll(consumed);
        consumed.forEach(topic -> all.add(topic.deadLetter()));
        return List.copyOf(all);
    }
}
