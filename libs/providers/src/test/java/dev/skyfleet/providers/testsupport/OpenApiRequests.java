package dev.skyfleet.providers.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openapi4j.core.validation.ValidationException;
import org.openapi4j.operation.validator.model.Request;
import org.openapi4j.operation.validator.model.impl.DefaultRequest;
import org.openapi4j.operation.validator.validation.RequestValidator;
import org.openapi4j.parser.OpenApi3Parser;
import org.openapi4j.parser.model.v3.OpenApi3;
import org.openapi4j.parser.model.v3.Operation;
import org.openapi4j.parser.model.v3.SecurityRequirement;
import org.openapi4j.parser.model.v3.SecurityScheme;

/**
 * Checks requests recorded by WireMock against an OpenAPI spec from the test classpath: path, method, parameters
 * (openapi4j {@link RequestValidator}) and the operation's security requirement (openapi4j does not check that).
 */
public final class OpenApiRequests {
    private final OpenApi3 api;
    private final RequestValidator validator;
    private final String serverUrl;

    private OpenApiRequests(OpenApi3 api) {
        this.api = api;
        api.getServers().forEach(s -> s.setUrl(s.getUrl().replaceAll("/+$", "")));
        this.serverUrl = api.getServers().get(0).getUrl();
        this.validator = new RequestValidator(api);
    }

    public static OpenApiRequests load(String resource) {
        try {
            File file = new File(OpenApiRequests.class.getResource("/" + resource).toURI());
            return new OpenApiRequests(new OpenApi3Parser().parse(file, false));
        } catch (URISyntaxException | org.openapi4j.core.exception.ResolutionException | ValidationException e) {
            throw new IllegalStateException("cannot load " + resource, e);
        }
    }

    /**
     * Asserts the recorded request is a valid operation of the spec. The request's path is relative to the stub's
     * root, which stands for the spec's first server URL.
     *
     * @param pathPrefix prefix of the stub path that corresponds to the server URL's path ("" or "/v1")
     */
    public void assertConforms(LoggedRequest recorded, String pathPrefix) {
        String url = recorded.getUrl();
        assertThat(url).startsWith(pathPrefix);
        String full = serverUrl.replaceAll(java.util.regex.Pattern.quote(pathPrefix) + "$", "") + url;
        DefaultRequest.Builder builder = new DefaultRequest.Builder(full.replaceAll("\\?.*$", ""),
                Request.Method.getMethod(recorded.getMethod().getName()));
        int q = url.indexOf('?');
        if (q >= 0) {
            builder.query(url.substring(q + 1));
        }
        for (HttpHeader header : recorded.getHeaders().all()) {
            builder.header(header.key(), header.values());
        }
        String body = recorded.getBodyAsString();
        if (body != null && !body.isEmpty()) {
            builder.body(org.openapi4j.operation.validator.model.impl.Body.from(body));
        }
        Request request = builder.build();
        try {
            validator.validate(request);
        } catch (ValidationException e) {
            throw new AssertionError("request " + recorded.getMethod() + " " + url + " violates the spec: " + e, e);
        }
        assertSecurity(recorded, full);
    }

    private void assertSecurity(LoggedRequest recorded, String fullUrl) {
        Operation operation = findOperation(recorded.getMethod().getName(), fullUrl);
        List<SecurityRequirement> requirements = operation.getSecurityRequirements() != null
                ? operation.getSecurityRequirements() : api.getSecurityRequirements();
        assertThat(requirements).as("spec declares security for the operation").isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (SecurityRequirement requirement : requirements) {
            boolean all = true;
            for (String name : requirement.getRequirements().keySet()) {
                SecurityScheme scheme = api.getComponents().getSecuritySchemes().get(name);
                if (!satisfies(recorded, scheme)) {
                    all = false;
                    failures.add(name);
                }
            }
            if (all) {
                return;
            }
        }
        throw new AssertionError("request satisfies none of the security schemes " + failures);
    }

    private static boolean satisfies(LoggedRequest recorded, SecurityScheme scheme) {
        if ("apiKey".equals(scheme.getType()) && "header".equals(scheme.getIn())) {
            String value = recorded.getHeader(scheme.getName());
            return value != null && !value.isBlank();
        }
        if ("http".equals(scheme.getType())) {
            String value = recorded.getHeader("Authorization");
            String prefix = scheme.getScheme().substring(0, 1).toUpperCase() + scheme.getScheme().substring(1) + " ";
            return value != null && value.startsWith(prefix) && value.length() > prefix.length();
        }
        return false;
    }

    private Operation findOperation(String method, String fullUrl) {
        String path = fullUrl.substring(serverUrl.length()).replaceAll("\\?.*$", "");
        for (Map.Entry<String, org.openapi4j.parser.model.v3.Path> entry : api.getPaths().entrySet()) {
            String regex = entry.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            if (path.matches(regex)) {
                Operation op = entry.getValue().getOperation(method.toLowerCase());
                if (op != null) {
                    return op;
                }
            }
        }
        throw new AssertionError("no operation " + method + " " + path);
    }
}
