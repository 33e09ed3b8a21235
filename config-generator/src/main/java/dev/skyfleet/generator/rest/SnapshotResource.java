package dev.skyfleet.generator.rest;

import dev.skyfleet.generator.service.SnapshotService;
import dev.skyfleet.generator.service.SnapshotStatus;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The published snapshot: status and files, read from the tip of the snapshot branch. */
@Path("/api/v1/snapshots")
@Blocking
public class SnapshotResource {
    private final SnapshotService service;

    public SnapshotResource(SnapshotService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Latest snapshot: revision, commit, content hash and per-file SHA-256")
    @APIResponse(responseCode = "200", description = "The latest published snapshot")
    @APIResponse(responseCode = "404", description = "Nothing published yet (catalog not caught up)")
    public Response latest() {
        SnapshotStatus status = service.status();
        if (status.commitId() == null) {
            return Problem.response(404, "no-snapshot", "No snapshot yet",
                    status.error() != null ? status.error()
                            : status.caughtUp() ? "The first snapshot is being generated."
                                    : "The catalog is still being read from Kafka.",
                    null);
        }
        return Response.ok(status).build();
    }

    @GET
    @Path("/files/{path: .+}")
    @Produces({"application/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "One file of the latest snapshot, e.g. catalog/lambda.yaml or terraform/aws/kconfigs/Kconfig.compute.generated")
    @APIResponse(responseCode = "200", description = "The file content")
    @APIResponse(responseCode = "404", description = "No such file in the latest snapshot")
    public Response file(@PathParam("path") String path) throws IOException {
        var repository = service.repository();
        var content = repository == null ? java.util.Optional.<byte[]>empty() : repository.read(path);
        if (content.isEmpty()) {
            return Problem.response(404, "no-such-file", "No such file",
                    "The latest snapshot has no file '" + path.replaceAll("[^A-Za-z0-9._/-]", "?") + "'.", "path");
        }
        String type = path.endsWith(".yaml") ? "application/yaml; charset=utf-8" : "text/plain; charset=utf-8";
        return Response.ok(content.get()).type(type).header("X-Snapshot-Commit", service.status().commitId()).build();
    }
}
