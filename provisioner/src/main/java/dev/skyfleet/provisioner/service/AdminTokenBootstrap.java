package dev.skyfleet.provisioner.service;

import dev.skyfleet.provisioner.Role;
import dev.skyfleet.provisioner.config.ProvisionerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * On start, makes sure the admin token file (when configured) holds a valid admin token: if the file is missing
 * or its token is unknown or revoked, a new admin token is created and written there with mode 600. The token is
 * never logged.
 */
@ApplicationScoped
public class AdminTokenBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminTokenBootstrap.class);
    /** Tenant of bootstrapped admin tokens. */
    public static final String ADMIN_TENANT = "admin";

    private final TokenService tokens;
    private final ProvisionerConfig config;

    public AdminTokenBootstrap(TokenService tokens, ProvisionerConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        config.adminTokenFile().filter(f -> !f.isBlank()).map(Path::of).ifPresent(this::ensure);
    }

    void ensure(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!existing.isEmpty() && tokens.valid(existing).await().atMost(Duration.ofSeconds(30))) {
                    LOG.infof("admin token file %s holds a valid admin token", file);
                    return;
                }
            }
            TokenService.Created created = tokens.create(ADMIN_TENANT, Role.ADMIN, "bootstrap admin token")
                    .await().atMost(Duration.ofSeconds(30));
            write(file, created.token());
            LOG.infof("created admin token %s and wrote it to %s (mode 600)", created.stored().id(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file " + file, e);
        }
    }

    private static void write(Path file, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".admin-token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
