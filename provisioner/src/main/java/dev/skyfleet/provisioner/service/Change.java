package dev.skyfleet.provisioner.service;

import dev.skyfleet.model.InstanceState;
import dev.skyfleet.provisioner.OfferView;

/**
 * One lifecycle step of an instance: the state after it, the event name and what else changes. Null fields keep
 * the stored value.
 *
 * @param state state after the step (null: unchanged)
 * @param event machine-readable event name
 * @param message human-readable detail (never a key, user data or credential)
 * @param offer offer now in use or being tried (null: unchanged)
 * @param providerInstanceId provider's id (null: unchanged)
 * @param clearProviderInstance forget the provider id (a launch failed at the provider after create)
 * @param publicIp public address (null: unchanged)
 * @param privateIp private address (null: unchanged)
 * @param failureReason why it failed (null: unchanged)
 * @param terminateRequested mark a terminate as accepted
 * @param restartClock start the state timer again (a new launch began)
 */
public record Change(InstanceState state, String event, String message, OfferView offer, String providerInstanceId,
        boolean clearProviderInstance, String publicIp, String privateIp, String failureReason,
        boolean terminateRequested, boolean restartClock) {

    public static Change event(String event, String message) {
        return new Change(null, event, message, null, null, false, null, null, null, false, false);
    }

    public static Change to(InstanceState state, String event, String message) {
        return new Change(state, event, message, null, null, false, null, null, null, false, false);
    }

    public static Change failed(String event, String reason) {
        return new Change(InstanceState.FAILED, event, reason, null, null, false, null, null, reason, false, false);
    }

    public Change withOffer(OfferView newOffer) {
        return new Change(state, event, message, newOffer, providerInstanceId, clearProviderInstance, publicIp,
                privateIp, failureReason, terminateRequested, restartClock);
    }

    public Change withProviderInstance(String id, String newPublicIp, String newPrivateIp) {
        return new Change(state, event, message, offer, id, false, newPublicIp, newPrivateIp, failureReason,
                terminateRequested, true);
    }

    public Change withoutProviderInstance() {
        return new Change(state, event, message, offer, null, true, publicIp, privateIp, failureReason,
                terminateRequested, true);
    }

    public Change withAddresses(String newPublicIp, String newPrivateIp) {
        return new Change(state, event, message, offer, providerInstanceId, clearProviderInstance, newPublicIp,
                newPrivateIp, failureReason, terminateRequested, restartClock);
    }

    public Change requestingTerminate() {
        return new Change(state, event, message, offer, providerInstanceId, clearProviderInstance, publicIp,
                privateIp, failureReason, true, restartClock);
    }

    public Change restartingClock() {
        return new Change(state, event, message, offer, providerInstanceId, clearProviderInstance, publicIp,
                privateIp, failureReason, terminateRequested, true);
    }
}
