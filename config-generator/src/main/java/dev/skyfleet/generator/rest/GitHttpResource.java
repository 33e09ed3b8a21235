package dev.skyfleet.generator.rest;

import dev.skyfleet.generator.service.SnapshotService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Git's smart HTTP protocol, read-only, for the snapshot repository: {@code git clone http://host/snapshots.git}.
 * Drives JGit's {@link UploadPack} directly (what JGit's servlet does), since no servlet container is available.
 * Protocol v0/v1 (the client falls back from v2 on its own); pushes are refused.
 */
@Path("/snapshots.git")
@Blocking
public class GitHttpResource {
    private static final String UPLOAD_PACK = "git-upload-pack";
    private static final int MAX_REQUEST = 16 << 20;
    private final SnapshotService service;

    public GitHttpResource(SnapshotService service) {
        this.service = service;
    }

    @GET
    @Path("/info/refs")
    @Operation(summary = "Git smart HTTP ref advertisement (git clone / git pull)")
    public Response infoRefs(@QueryParam("service") String serviceName) {
        if (!UPLOAD_PACK.equals(serviceName)) {
            return Problem.response(403, "read-only-repository", "Read-only repository",
                    "Only git-upload-pack (clone, fetch, pull) is served over smart HTTP.", "service");
        }
        StreamingOutput body = out -> {
            UploadPack up = uploadPack();
            PacketLineOut pkt = new PacketLineOut(out);
            pkt.writeString("# service=" + UPLOAD_PACK + "\n");
            pkt.end();
            up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pkt));
            out.flush();
        };
        return Response.ok(body).type("application/x-git-upload-pack-advertisement")
                .header("Cache-Control", "no-cache, max-age=0, must-revalidate").build();
    }

    @POST
    @Path("/git-upload-pack")
    @Operation(summary = "Git smart HTTP pack negotiation and transfer")
    public Response uploadPack(InputStream request, @HeaderParam("Content-Encoding") String encoding)
            throws IOException {
        byte[] body = readLimited("gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(request) : request);
        StreamingOutput output = out -> {
            UploadPack up = uploadPack();
            up.upload(new ByteArrayInputStream(body), out, null);
            out.flush();
        };
        return Response.ok(output).type("application/x-git-upload-pack-result")
                .header("Cache-Control", "no-cache, max-age=0, must-revalidate").build();
    }

    @POST
    @Path("/git-receive-pack")
    public Response receivePack() {
        return Problem.response(403, "read-only-repository", "Read-only repository",
                "The snapshot repository is generated; pushes are not accepted.", null);
    }

    private UploadPack uploadPack() {
        UploadPack up = new UploadPack(service.repository().repository());
        up.setBiDirectionalPipe(false);
        up.setTimeout(60);
        return up;
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_REQUEST + 1);
        if (data.length > MAX_REQUEST) {
            throw new jakarta.ws.rs.WebApplicationException(413);
        }
        return data;
    }
}
