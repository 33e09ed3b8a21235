package dev.skyfleet.provisioner.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server answering in the recorded shapes of the Lambda Cloud API (lambda-cloud-api.md), so the
 * provisioner launches through the real Lambda client of libs/providers.
 */
public class LambdaStubResource implements QuarkusTestResourceLifecycleManager {
    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("skyfleet.providers.lambda.api-key", "test-lambda-key",
                "skyfleet.providers.lambda.base-url", "http://127.0.0.1:" + server().port());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
