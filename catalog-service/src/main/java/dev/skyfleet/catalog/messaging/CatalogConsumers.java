package dev.skyfleet.catalog.messaging;

import dev.skyfleet.catalog.service.IngestService;
import dev.skyfleet.catalog.service.VertxContexts;
import dev.skyfleet.messaging.Topics;
import dev.skyfleet.model.InstanceTypeEvent;
import dev.skyfleet.model.OfferEvent;
import dev.skyfleet.model.ProviderStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The three catalog topics into PostgreSQL; see {@link BatchHandler} for acknowledgement and dead letters. */
@ApplicationScoped
public class CatalogConsumers {
    private final BatchHandler<OfferEvent> offers;
    private final BatchHandler<InstanceTypeEvent> instanceTypes;
    private final BatchHandler<ProviderStatus> providerStatus;

    public CatalogConsumers(IngestService ingest, MeterRegistry meters, VertxContexts contexts) {
        this.offers = new BatchHandler<>(Topics.OFFERS.name(),
                record -> ingest.problemOf(record.getKey(), record.getPayload()), ingest::applyOffers, meters,
                contexts);
        this.instanceTypes = new BatchHandler<>(Topics.INSTANCE_TYPES.name(),
                record -> ingest.problemOf(record.getKey(), record.getPayload()), ingest::applyInstanceTypes,
                meters, contexts);
        this.providerStatus = new BatchHandler<>(Topics.PROVIDER_STATUS.name(),
                record -> ingest.problemOf(record.getKey(), record.getPayload()), ingest::applyProviderStatus,
                meters, contexts);
    }

    @Incoming("offers")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> offers(KafkaRecordBatch<String, OfferEvent> batch) {
        return offers.handle(batch);
    }

    @Incoming("instance-types")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> instanceTypes(KafkaRecordBatch<String, InstanceTypeEvent> batch) {
        return instanceTypes.handle(batch);
    }

    @Incoming("provider-status")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> providerStatus(KafkaRecordBatch<String, ProviderStatus> batch) {
        return providerStatus.handle(batch);
    }
}
