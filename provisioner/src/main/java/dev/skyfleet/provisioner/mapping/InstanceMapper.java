package dev.skyfleet.provisioner.mapping;

import dev.skyfleet.model.InstanceEvent;
import dev.skyfleet.provisioner.InstanceRow;
import dev.skyfleet.provisioner.rest.InstanceView;
import java.util.List;

/** Stored instance → API view. */
public final class InstanceMapper {
    private InstanceMapper() {
    }

    public static InstanceView view(InstanceRow row, List<InstanceEvent> events) {
        InstanceView.OfferRef offer = row.offerId() == null ? null
                : new InstanceView.OfferRef(row.offerId(), row.provider(), row.region(), row.zone(),
                        row.instanceType(), row.price());
        return new InstanceView(row.id(), row.name(), row.state().wire(), row.placement(), offer,
                row.providerInstanceId(), row.publicIp(), row.privateIp(), row.tags(), row.failureReason(),
                row.terminateRequested(), row.createdAt(), row.updatedAt(), events);
    }
}
