package dev.skyfleet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts one real PostgreSQL for a module's whole test run (use with {@code scope = GLOBAL}) and sets the
 * reactive and JDBC (Flyway) URLs and credentials.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static LocalPostgres postgres;

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.temporary();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "local-postgres-stop"));
        }
        return postgres;
    }

    @Override
    public Map<String, String> start() {
        LocalPostgres pg = postgres();
        return Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl("postgres"),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl("postgres"),
                "quarkus.datasource.username", LocalPostgres.USER,
                "quarkus.datasource.password", LocalPostgres.PASSWORD);
    }

    @Override
    public void stop() {
        // shared by every test class of the run; stopped by the shutdown hook
    }
}
