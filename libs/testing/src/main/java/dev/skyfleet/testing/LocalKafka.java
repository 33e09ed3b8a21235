package dev.skyfleet.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode, in this JVM, on loopback. Its log directory survives a
 * restart when the same directory is given again (the local stack keeps its topics across {@code down}/{@code up}).
 */
public final class LocalKafka implements AutoCloseable {
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final boolean deleteOnClose;
    private KafkaRaftServer server;

    private LocalKafka(Path directory, int port, int controllerPort, boolean deleteOnClose) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throw-away broker on free ports with its data in a temporary directory. */
    public static LocalKafka temporary() {
        try {
            return new LocalKafka(Files.createTempDirectory("skyfleet-kafka"), freePort(), freePort(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker that keeps its data in {@code directory}; port 0 picks a free one. */
    public static LocalKafka persistent(Path directory, int port, int controllerPort) {
        return new LocalKafka(directory, port == 0 ? freePort() : port,
                controllerPort == 0 ? freePort() : controllerPort, false);
    }

    public LocalKafka start() {
        try {
            Files.createDirectories(directory);
            Properties props = properties();
            Path file = directory.resolve("server.properties");
            try (var writer = Files.newBufferedWriter(file)) {
                props.store(writer, "Skyfleet local Kafka (KRaft, single node)");
            }
            if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
                try (PrintStream log = new PrintStream(Files.newOutputStream(directory.resolve("format.log")))) {
                    // StorageTool.execute, never main: main calls Exit.exit and would end this JVM
                    int rc = kafka.tools.StorageTool.execute(
                            new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()}, log);
                    if (rc != 0) {
                        throw new IllegalStateException("Kafka storage format failed (" + rc + "), see "
                                + directory.resolve("format.log"));
                    }
                }
            }
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            awaitAnswers(Duration.ofSeconds(60));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", directory.resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // topics are created by the services from their specs: the local stack, like production, never
        // auto-creates one; throw-away test brokers allow it for ad-hoc test topics
        p.put("auto.create.topics.enable", Boolean.toString(deleteOnClose));
        p.put("log.cleaner.backoff.ms", "1000");
        return p;
    }

    private void awaitAnswers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "request.timeout.ms", 2000,
                    "default.api.timeout.ms", 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e.getMessage(), e);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", ie);
                }
            }
        }
        throw new IllegalStateException("Kafka did not answer on " + bootstrapServers() + " within " + timeout, last);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (deleteOnClose) {
            Directories.deleteRecursively(directory);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
