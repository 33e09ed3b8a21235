package dev.skyfleet.provisioner.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.skyfleet.provisioner.service.ApiException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps errors to {@code application/problem+json}; unknown errors are logged and answered without details. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return Problems.response(e.status(), e.type(), e.title(), e.getMessage(), e.extensions());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(Map.of("field", field(violation.getPropertyPath()), "message", violation.getMessage()));
        }
        errors.sort(Comparator.comparing(m -> (String) m.get("field")));
        String detail = errors.stream().map(m -> m.get("field") + " " + m.get("message"))
                .collect(Collectors.joining("; "));
        return Problems.response(400, "invalid-request", "Invalid request", detail, Map.of("errors", errors));
    }

    @ServerExceptionMapper
    public Response unknownField(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
        String field = fieldPath(e);
        String known = e.getKnownPropertyIds() == null ? ""
                : e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        return Problems.response(400, "invalid-request", "Invalid request", "unknown field " + field,
                Map.of("errors", List.of(Map.of("field", field, "message", "unknown field; known: " + known))));
    }

    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unparsable(com.fasterxml.jackson.core.JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? fieldPath(mapping) : null;
        String detail = field == null ? "the request body is not valid JSON for this operation"
                : "the request body has a wrong value at " + field;
        return Problems.response(400, "invalid-request", "Invalid request", detail,
                field == null ? null
                        : Map.of("errors", List.of(Map.of("field", field, "message", "wrong type or format"))));
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return Problems.response(status, "internal-error", "Internal Server Error", null, null);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 404 ? "no such resource" : status == 405 ? "method not allowed here"
                : status == 415 ? "unsupported content type; send application/json" : title.toLowerCase();
        return Problems.response(status, title.toLowerCase().replace(' ', '-'), title, detail, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("request failed", e);
        return Problems.response(500, "internal-error", "Internal Server Error",
                "the request could not be completed; it has been logged", null);
    }

    static String field(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getName() != null) {
                names.add(node.getName());
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }
}
