package dev.skyfleet.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * Value of {@code skyfleet.provisioning.commands.v1} (key: instance id). Commands carry references, not secrets
 * or SSH keys: the worker reads the request it belongs to from the provisioner's own store.
 *
 * @param commandId unique per command; consumers de-duplicate on it
 * @param instanceId Skyfleet's instance id (the Kafka key)
 * @param tenant the tenant that owns the instance
 * @param type create, terminate, reboot, stop or start
 * @param issuedAt when the API accepted the request
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProvisioningCommand(String commandId, String instanceId, String tenant, CommandType type,
        Instant issuedAt) {
    public ProvisioningCommand {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
