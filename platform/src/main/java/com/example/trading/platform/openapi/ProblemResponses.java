package com.example.trading.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error responses of the APIs as OpenAPI components: every one an RFC 9457 problem document
 * ({@code application/problem+json}, schema {@code Problem}) with an example. An operation names
 * the ones it can answer beyond the common ones with {@code @ApiResponse(responseCode = "404", ref
 * = ProblemResponses.NOT_FOUND)}.
 */
public final class ProblemResponses {

  public static final String BAD_REQUEST = "#/components/responses/BadRequest";
  public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
  public static final String FORBIDDEN = "#/components/responses/Forbidden";
  public static final String NOT_FOUND = "#/components/responses/NotFound";
  public static final String CONFLICT = "#/components/responses/Conflict";
  public static final String CONTENT_TOO_LARGE = "#/components/responses/ContentTooLarge";
  public static final String UNSUPPORTED_MEDIA_TYPE = "#/components/responses/UnsupportedMediaType";
  public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";
  public static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

  /** One documented error response: its status, what it means, and an example problem. */
  private record Kind(
      String ref,
      int status,
      String description,
      String slug,
      String title,
      String detail,
      Map<String, Object> extra,
      String header) {

    String name() {
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
  }

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              BAD_REQUEST,
              400,
              "Malformed JSON, or missing or invalid fields, parameters or headers; "
                  + "`errors` names each field",
              "validation",
              "Invalid request",
              "The request has invalid fields.",
              Map.of(
                  "errors",
                  List.of(Map.of("field", "quantity", "message", "must be greater than 0"))),
              null),
          new Kind(
              UNAUTHORIZED,
              401,
              "No access token, or one that is invalid or expired",
              "unauthorized",
              "Unauthorized",
              "This request needs a bearer token from the trading issuer (Authorization: Bearer <token>).",
              Map.of(),
              "WWW-Authenticate"),
          new Kind(
              FORBIDDEN,
              403,
              "The token's scope does not allow this request",
              "forbidden",
              "Forbidden",
              "The token's scope does not allow this request.",
              Map.of(),
              null),
          new Kind(
              NOT_FOUND,
              404,
              "No such resource, or one the caller may not see",
              "not-found",
              "Not found",
              "No such order: 4b9c0a3e-1c1f-3f52-9a53-2f1d7d0c8a11",
              Map.of(),
              null),
          new Kind(
              CONFLICT,
              409,
              "The request conflicts with the resource's state (the problem's type says how)",
              "order-finished",
              "Order already finished",
              "Order 4b9c0a3e-1c1f-3f52-9a53-2f1d7d0c8a11 is FILLED",
              Map.of("orderStatus", "FILLED"),
              null),
          new Kind(
              CONTENT_TOO_LARGE,
              413,
              "The request body is larger than 64 KiB",
              "request-too-large",
              "Request body too large",
              "Request bodies are limited to 65536 bytes.",
              Map.of(),
              null),
          new Kind(
              UNSUPPORTED_MEDIA_TYPE,
              415,
              "The request body is not application/json",
              "unsupported-media-type",
              "Unsupported media type",
              "Request bodies must be application/json.",
              Map.of(),
              null),
          new Kind(
              TOO_MANY_REQUESTS,
              429,
              "The caller's rate limit is spent; send again after Retry-After seconds",
              "rate-limited",
              "Too many requests",
              "Rate limit of 50 requests/s exceeded.",
              Map.of(),
              "Retry-After"),
          new Kind(
              SERVICE_UNAVAILABLE,
              503,
              "Too much work queued, or a view not available or not yet up to "
                  + "date; nothing was done, send again after Retry-After seconds",
              "backlog",
              "Too much work queued",
              "More work waits for the order saga than the system serves in 20 s.",
              Map.of("retryAfterSeconds", 2),
              "Retry-After"));

  private ProblemResponses() {}

  /** Adds the problem schema, the headers and every error response to {@code components}. */
  static void register(Components components) {
    components.addSchemas(
        "FieldError",
        new ObjectSchema()
            .addProperty("field", new StringSchema().description("the field, parameter or header"))
            .addProperty("message", new StringSchema().description("what is wrong with it"))
            .required(List.of("field", "message")));
    components.addSchemas("Problem", problemSchema());
    components.addHeaders(
        "Retry-After",
        new Header()
            .description("seconds to wait before sending again")
            .schema(new IntegerSchema()));
    components.addHeaders(
        "WWW-Authenticate",
        new Header()
            .description("Bearer, with the error if a token was sent")
            .schema(new StringSchema()));
    for (Kind kind : KINDS) {
      ApiResponse response =
          new ApiResponse()
              .description(kind.description())
              .content(
                  new Content()
                      .addMediaType(
                          PROBLEM_JSON,
                          new MediaType()
                              .schema(new Schema<>().$ref(PROBLEM_SCHEMA))
                              .example(example(kind))));
      if (kind.header() != null) {
        response.addHeaderObject(
            kind.header(), new Header().$ref("#/components/headers/" + kind.header()));
      }
      components.addResponses(kind.name(), response);
    }
  }

  /** Adds each of {@code refs} to the operation unless it documents that status already. */
  static void addIfAbsent(Operation operation, String... refs) {
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    for (String ref : refs) {
      Kind kind = KINDS.stream().filter(k -> k.ref().equals(ref)).findFirst().orElseThrow();
      responses.computeIfAbsent(
          Integer.toString(kind.status()), status -> new ApiResponse().$ref(ref));
    }
  }

  private static Schema<Object> problemSchema() {
    Schema<Object> problem =
        new ObjectSchema()
            .description("An RFC 9457 problem document")
            .addProperty(
                "type",
                new StringSchema()
                    .format("uri-reference")
                    .description("the kind of problem, e.g. /problems/validation"))
            .addProperty("title", new StringSchema().description("a short summary of the kind"))
            .addProperty("status", new IntegerSchema().description("the HTTP status"))
            .addProperty(
                "detail", new StringSchema().description("what went wrong with this request"))
            .addProperty(
                "instance",
                new StringSchema().format("uri-reference").description("the request's path"))
            .addProperty(
                "errors",
                new ArraySchema()
                    .items(new Schema<>().$ref("#/components/schemas/FieldError"))
                    .description("for invalid requests: each invalid field, parameter or header"))
            .addProperty(
                "orderStatus",
                new StringSchema()
                    .description("for a finished order (409): the status it finished in"))
            .addProperty(
                "retryAfterSeconds",
                new IntegerSchema()
                    .description("for a backlog (503): the Retry-After header's seconds"))
            .required(List.of("type", "title", "status", "detail"));
    problem.setAdditionalProperties(Boolean.TRUE);
    return problem;
  }

  private static Map<String, Object> example(Kind kind) {
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("type", "/problems/" + kind.slug());
    example.put("title", kind.title());
    example.put("status", kind.status());
    example.put("detail", kind.detail());
    example.putAll(kind.extra());
    return example;
  }
}
