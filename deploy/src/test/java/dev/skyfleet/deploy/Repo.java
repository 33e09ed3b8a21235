package dev.skyfleet.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths of the repository the tests read: the manifests, the compose file, the services' sources. */
final class Repo {
    /** The four services, by module directory name. */
    static final List<String> SERVICES = List.of("inventory-poller", "catalog-service", "config-generator", "provisioner");

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("skyfleet.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("not the repository root (no docker-compose.yml): " + root);
        }
        return root;
    }

    static Path kubernetes() {
        return root().resolve("deploy/kubernetes");
    }

    static Path overlay(String name) {
        return kubernetes().resolve("overlays").resolve(name);
    }

    static Path schemas() {
        return root().resolve("deploy/schemas");
    }

    static Path compose() {
        return root().resolve("docker-compose.yml");
    }

    static Path applicationProperties(String service) {
        return root().resolve(service).resolve("src/main/resources/application.properties");
    }
}
