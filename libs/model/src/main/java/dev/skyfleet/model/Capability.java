package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a provider (and, narrower, an instance type) can do. Wire values follow the Brev cloud SDK so
 * capability sets read the same across tools.
 */
public enum Capability implements WireEnum {
    CREATE_INSTANCE("create-instance"),
    CREATE_INSTANCE_IDEMPOTENT("create-instance-idempotent"),
    TERMINATE_INSTANCE("terminate-instance"),
    CREATE_TERMINATE_INSTANCE("create-terminate-instance"),
    INSTANCE_USERDATA("instance-userdata"),
    TAGS("tags"),
    REBOOT_INSTANCE("reboot-instance"),
    RESIZE_INSTANCE_VOLUME("resize-instance-volume"),
    STOP_START_INSTANCE("stop-start-instance"),
    MACHINE_IMAGE("machine-image"),
    MODIFY_FIREWALL("modify-firewall"),
    VPC("vpc"),
    MANAGED_KUBERNETES("managed-kubernetes");

    private final String wire;

    Capability(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Null for a value this version does not know; readers drop nulls instead of failing. */
    @JsonCreator
    public static Capability fromWire(String value) {
        return WireEnum.parse(Capability.class, value, null);
    }
}
