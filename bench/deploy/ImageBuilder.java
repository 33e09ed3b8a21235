// Builds one Skyfleet service image with Jib (jib-core, the library behind Quarkus' container-image-jib) into an
// image tarball, without a Docker daemon and without a registry when the base image is a local tarball.
// Run by build-images.sh: java -cp <jib-core classpath> ImageBuilder.java <service> <port> <quarkus-app dir>
//   <base: tar:///path/base.tar | registry image reference> <output .tar> <image name:tag> <cache dir>
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

public class ImageBuilder {
    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ImageBuilder <service> <port> <quarkus-app dir> <base> <out.tar> <name:tag> <cache>");
            System.exit(2);
        }
        String service = args[0];
        int port = Integer.parseInt(args[1]);
        Path app = Path.of(args[2]);
        String base = args[3];
        Path out = Path.of(args[4]);
        String name = args[5];
        Path cache = Path.of(args[6]);
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalArgumentException("no Quarkus fast-jar in " + app + " (build the module first)");
        }
        AbsoluteUnixPath deployments = AbsoluteUnixPath.get("/deployments");
        JibContainerBuilder builder = base.startsWith("tar://")
                ? Jib.from(TarImage.at(Path.of(base.substring("tar://".length()))))
                : Jib.from(base);
        builder.setFormat(ImageFormat.OCI)
                // dependencies change least often: their own layer, reused across builds and services
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("dependencies")
                        .addEntryRecursive(app.resolve("lib"), deployments.resolve("lib")).build())
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("quarkus")
                        .addEntryRecursive(app.resolve("quarkus"), deployments.resolve("quarkus"))
                        .addEntry(app.resolve("quarkus-run.jar"), deployments.resolve("quarkus-run.jar")).build())
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("application")
                        .addEntryRecursive(app.resolve("app"), deployments.resolve("app")).build())
                .setWorkingDirectory(deployments)
                .setUser("185")
                .setExposedPorts(Set.of(Port.tcp(port)))
                .addEnvironmentVariable("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75")
                .setEntrypoint("java", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar",
                        "/deployments/quarkus-run.jar")
                .setLabels(Map.of("org.opencontainers.image.title", service,
                        "org.opencontainers.image.source", "skyfleet/" + service));
        Containerizer containerizer = Containerizer.to(TarImage.at(out).named(name))
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("application"))
                .setOfflineMode(base.startsWith("tar://"))
                .setToolName("skyfleet-image-builder");
        long start = System.nanoTime();
        JibContainer container = builder.containerize(containerizer);
        System.out.printf("%s %s digest=%s size=%d bytes in %.1f s%n", name, out, container.getDigest(),
                Files.size(out), (System.nanoTime() - start) / 1e9);
    }
}
