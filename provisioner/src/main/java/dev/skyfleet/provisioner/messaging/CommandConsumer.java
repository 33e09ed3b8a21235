package dev.skyfleet.provisioner.messaging;

import dev.skyfleet.model.Json;
import dev.skyfleet.model.ProvisioningCommand;
import dev.skyfleet.provisioner.service.ProvisioningWorker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code skyfleet.provisioning.commands.v1}. The record is acknowledged after the command was carried
 * out; a record that is not a command (or whose handling fails) goes to the dead-letter topic with the reason
 * in its headers, and the consumer goes on.
 *
 * <p>Commands are handled concurrently, on the {@code provisioning-workers} pool (its size bounds how much of the
 * machine launches may take from the API), so a 12 s Lambda launch does not hold up a sandbox launch. Order per
 * instance is not needed for safety: every step re-reads the instance under a row lock and acts on its state (a
 * terminate that overtakes its create ends the instance before launch; a create that finds a terminate
 * requested terminates what it launched).
 */
@ApplicationScoped
public class CommandConsumer {
    private final ProvisioningWorker worker;

    public CommandConsumer(ProvisioningWorker worker) {
        this.worker = worker;
    }

    @Incoming("commands")
    @Blocking(value = "provisioning-workers", ordered = false)
    public void consume(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("record value is not readable text");
        }
        ProvisioningCommand command = Json.read(payload, ProvisioningCommand.class);
        if (command.type() == null) {
            throw new IllegalArgumentException("unknown command type");
        }
        worker.handle(command);
    }
}
