package dev.skyfleet.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.skyfleet.catalog.service.InvalidParameterException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as {@code application/problem+json}; never a class name or stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        Problem problem = new Problem(Problem.BASE + "invalid-parameter", "Invalid parameter", 400, e.getMessage(),
                e.parameter(), null);
        return respond(problem);
    }

    @ServerExceptionMapper
    public Response notFound(OfferNotFoundException e) {
        return respond(new Problem(Problem.BASE + "not-found", "Not found", 404, e.getMessage(), "id", null));
    }

    @ServerExceptionMapper
    public Response invalidBodyFromQuarkus(ResteasyReactiveViolationException e) {
        return invalidBody(e);
    }

    @ServerExceptionMapper
    public Response invalidBody(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field)).toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(Problem.BASE + "invalid-request", "Invalid request", 400, detail, null, errors));
    }

    @ServerExceptionMapper
    public Response unknownField(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
        String field = fieldPath(e);
        String known = e.getKnownPropertyIds() == null ? ""
                : e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        return respond(new Problem(Problem.BASE + "invalid-request", "Invalid request", 400, "unknown field '" + field
                + "'", null, List.of(new Problem.FieldError(field, "unknown field; known: " + known))));
    }

    @ServerExceptionMapper
    public Response mismatchedBody(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper
    public Response malformedBody(com.fasterxml.jackson.core.JsonParseException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? fieldPath(mapping) : null;
        String detail = field == null ? "the request body is not valid JSON for this operation"
                : "field '" + field + "' has a value of the wrong type";
        return respond(new Problem(Problem.BASE + "invalid-request", "Invalid request", 400, detail, null,
                field == null ? null : List.of(new Problem.FieldError(field, "wrong type"))));
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "cannot produce the requested media type";
            case 415 -> "unsupported request media type";
            default -> title;
        };
        return respond(Problem.of(slug(title), title, status, detail));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("request failed", e);
        return respond(Problem.of("internal-error", "Internal error", 500,
                "the request could not be completed; the error has been logged"));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** The last segments of a violation path that name the body field ({@code select.request.limit}: limit). */
    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        int index = 0;
        for (Path.Node node : path) {
            // first two nodes are the method and its parameter
            if (index++ < 2) {
                continue;
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(node.getName());
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? path.toString() : field.toString();
    }
}
