package com.example.trading.platform.openapi;

import com.example.trading.platform.security.Caller;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * What every service's OpenAPI document says alike (springdoc, OpenAPI 3.1, set in {@code
 * trading-platform.yaml}):
 *
 * <ul>
 *   <li>answer records as Jackson writes them: required and nullable properties ({@link
 *       AnswerRecordSchemas});
 *   <li>decimals are JSON strings with a pattern ({@link ApiSchemas#DECIMAL_PATTERN}), as API.md
 *       says;
 *   <li>the RFC 9457 problem document and the error responses of the APIs ({@link
 *       ProblemResponses}), each with an example; every operation under {@code /api/} and {@code
 *       /ops/} answers {@code 400}, {@code 401} and {@code 403}, one with a body also {@code 413}
 *       and {@code 415}; the rest each operation names with {@code @ApiResponse(ref = ...)};
 *   <li>the security schemes: OAuth2 client credentials at the configured issuer, or a bearer JWT
 *       from it; every operation under {@code /api/} and {@code /ops/} needs one;
 *   <li>the document's title, description and version ({@code trading.api.*} in each service's
 *       {@code application.yaml}); the version is the contract's semantic version, whose major
 *       number announces a breaking change (the SDK module's compatibility check).
 * </ul>
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocumentationAutoConfiguration {

  static {
    SpringDocUtils.getConfig()
        .replaceWithSchema(BigDecimal.class, ApiSchemas.decimal())
        // The authenticated caller is resolved from the token, not sent as a parameter.
        .addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  ModelConverter answerRecordSchemas() {
    return new AnswerRecordSchemas();
  }

  @Bean
  OpenApiCustomizer tradingApiContract(
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:http://127.0.0.1:9000}")
          String issuer,
      @Value("${trading.api.title:${spring.application.name}}") String title,
      @Value("${trading.api.description:}") String description,
      @Value("${trading.api.version:0.0.0}") String version) {
    return openApi -> {
      openApi.setInfo(
          new Info()
              .title(title)
              .version(version)
              .description(description.isBlank() ? null : description));
      Components components =
          openApi.getComponents() == null ? new Components() : openApi.getComponents();
      openApi.setComponents(components);
      ProblemResponses.register(components);
      components.addSecuritySchemes(
          ApiSchemas.OAUTH2,
          new SecurityScheme()
              .type(SecurityScheme.Type.OAUTH2)
              .description(
                  "OAuth2 client credentials at the issuer (API.md, Identity and authorization)")
              .flows(
                  new OAuthFlows()
                      .clientCredentials(
                          new OAuthFlow()
                              .tokenUrl(issuer.replaceAll("/+$", "") + "/oauth2/token")
                              .scopes(
                                  new Scopes()
                                      .addString(
                                          "trading.customer",
                                          "a customer: their own accounts and orders")
                                      .addString(
                                          "trading.operator",
                                          "the back office: every account, deposits, reports, /ops")))));
      components.addSecuritySchemes(
          ApiSchemas.BEARER,
          new SecurityScheme()
              .type(SecurityScheme.Type.HTTP)
              .scheme("bearer")
              .bearerFormat("JWT")
              .description("An access token of the issuer, audience trading-api"));
      if (openApi.getPaths() != null) {
        openApi
            .getPaths()
            .forEach(
                (path, item) -> {
                  if (path.startsWith("/api/") || path.startsWith("/ops/")) {
                    item.readOperations().forEach(ApiDocumentationAutoConfiguration::secure);
                  }
                });
      }
    };
  }

  private static void secure(Operation operation) {
    operation.addSecurityItem(new SecurityRequirement().addList(ApiSchemas.OAUTH2));
    operation.addSecurityItem(new SecurityRequirement().addList(ApiSchemas.BEARER));
    ProblemResponses.addIfAbsent(
        operation,
        ProblemResponses.BAD_REQUEST,
        ProblemResponses.UNAUTHORIZED,
        ProblemResponses.FORBIDDEN);
    if (operation.getRequestBody() != null) {
      ProblemResponses.addIfAbsent(
          operation, ProblemResponses.CONTENT_TOO_LARGE, ProblemResponses.UNSUPPORTED_MEDIA_TYPE);
    }
  }
}
