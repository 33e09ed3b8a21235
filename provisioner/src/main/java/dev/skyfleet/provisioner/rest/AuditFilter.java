package dev.skyfleet.provisioner.rest;

import dev.skyfleet.provisioner.Caller;
import dev.skyfleet.provisioner.repository.AuditRepository;
import dev.skyfleet.provisioner.repository.AuditRepository.AuditRecord;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Instant;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Keeps an audit record of every mutating API call (method, path, caller, status; never the body). */
public class AuditFilter {
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditRepository audit;
    private final CurrentCaller current;

    public AuditFilter(AuditRepository audit, CurrentCaller current) {
        this.audit = audit;
        this.current = current;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response) {
        if (!MUTATING.contains(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        Caller caller = current.orNull();
        String path = request.getUriInfo().getPath();
        return audit.add(new AuditRecord(Instant.now(), caller == null ? null : caller.tenant(),
                caller == null ? null : caller.tokenId(), request.getMethod(), path, response.getStatus()))
                .onFailure().invoke(e -> LOG.warnf("audit record for %s %s not written: %s", request.getMethod(),
                        path, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
