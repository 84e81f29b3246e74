package com.example.trading.identity;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The issuer's standard OAuth2 endpoints in its OpenAPI document. Spring Authorization Server
 * serves them from filters, which springdoc does not see, yet operators script against them: the
 * token endpoint (client credentials, and the console's authorization code + PKCE) and the signing
 * keys the services verify tokens with. They follow RFC 6749 (section 4.4, 5.1, 5.2) and RFC 7517.
 */
@Configuration(proxyBeanMethods = false)
class IssuerEndpointsDocumentation {

  static final String CLIENT_BASIC = "clientBasic";

  private static final String SCHEMAS = "#/components/schemas/";

  @Bean
  OpenApiCustomizer issuerEndpoints() {
    return openApi -> {
      var components = openApi.getComponents();
      components.addSecuritySchemes(
          CLIENT_BASIC,
          new SecurityScheme()
              .type(SecurityScheme.Type.HTTP)
              .scheme("basic")
              .description("The client's id and secret (client_secret_basic, RFC 6749 2.3.1)"));
      components.addSchemas("TokenRequest", tokenRequest());
      components.addSchemas("AccessToken", accessToken());
      components.addSchemas("OAuth2Error", oauth2Error());
      components.addSchemas(
          "JsonWebKeySet",
          new ObjectSchema()
              .description("The issuer's public signing keys (RFC 7517)")
              .addProperty(
                  "keys",
                  new ArraySchema()
                      .items(
                          new ObjectSchema()
                              .addProperty("kty", new StringSchema().example("RSA"))
                              .addProperty("kid", new StringSchema())
                              .addProperty("n", new StringSchema())
                              .addProperty("e", new StringSchema().example("AQAB"))
                              .required(List.of("kty"))))
              .required(List.of("keys")));
      openApi.path(
          "/oauth2/token",
          new PathItem()
              .post(
                  new Operation()
                      .operationId("requestToken")
                      .addTagsItem("oauth2")
                      .summary("An access token for a client (OAuth2)")
                      .description(
                          "Client credentials: grant_type=client_credentials with the scope trading.customer (a "
                              + "customer's client, whose id is the customer id) or trading.operator (trading-operator); the "
                              + "token's audience is trading-api. The console uses authorization_code with PKCE.")
                      .addSecurityItem(new SecurityRequirement().addList(CLIENT_BASIC))
                      .requestBody(
                          new RequestBody()
                              .required(true)
                              .content(
                                  new Content()
                                      .addMediaType(
                                          "application/x-www-form-urlencoded",
                                          new MediaType().schema(ref("TokenRequest")))))
                      .responses(
                          new ApiResponses()
                              .addApiResponse("200", json("The token", "AccessToken"))
                              .addApiResponse(
                                  "400",
                                  json(
                                      "invalid_request, invalid_grant, invalid_scope or "
                                          + "unsupported_grant_type",
                                      "OAuth2Error"))
                              .addApiResponse(
                                  "401",
                                  json(
                                      "invalid_client: unknown client or wrong secret",
                                      "OAuth2Error")))));
      openApi.path(
          "/oauth2/jwks",
          new PathItem()
              .get(
                  new Operation()
                      .operationId("getSigningKeys")
                      .addTagsItem("oauth2")
                      .summary("The public keys tokens are signed with (JWKS)")
                      .responses(
                          new ApiResponses()
                              .addApiResponse("200", json("The key set", "JsonWebKeySet")))));
    };
  }

  private static Schema<Object> tokenRequest() {
    return new ObjectSchema()
        .addProperty(
            "grant_type",
            new StringSchema()
                ._enum(List.of("client_credentials", "authorization_code", "refresh_token")))
        .addProperty(
            "scope",
            new StringSchema().description("space-separated scopes").example("trading.customer"))
        .addProperty("code", new StringSchema().description("authorization_code: the code"))
        .addProperty(
            "redirect_uri", new StringSchema().description("authorization_code: the redirect URI"))
        .addProperty(
            "code_verifier",
            new StringSchema().description("authorization_code: the PKCE verifier"))
        .addProperty("refresh_token", new StringSchema().description("refresh_token: the token"))
        .addProperty(
            "client_id", new StringSchema().description("when not in the Authorization header"))
        .addProperty(
            "client_secret", new StringSchema().description("when not in the Authorization header"))
        .required(List.of("grant_type"));
  }

  private static Schema<Object> accessToken() {
    return new ObjectSchema()
        .addProperty(
            "access_token",
            new StringSchema().description("a JWT: iss, sub, aud trading-api, scope, exp"))
        .addProperty("token_type", new StringSchema()._enum(List.of("Bearer")))
        .addProperty("expires_in", new IntegerSchema().description("seconds (at least 300)"))
        .addProperty("scope", new StringSchema())
        .addProperty("refresh_token", new StringSchema())
        .addProperty("id_token", new StringSchema())
        .required(List.of("access_token", "token_type", "expires_in"));
  }

  private static Schema<Object> oauth2Error() {
    return new ObjectSchema()
        .addProperty(
            "error",
            new StringSchema()
                ._enum(
                    List.of(
                        "invalid_request",
                        "invalid_client",
                        "invalid_grant",
                        "unauthorized_client",
                        "unsupported_grant_type",
                        "invalid_scope")))
        .addProperty("error_description", new StringSchema())
        .addProperty("error_uri", new StringSchema())
        .required(List.of("error"));
  }

  private static Schema<Object> ref(String name) {
    return new Schema<>().$ref(SCHEMAS + name);
  }

  private static ApiResponse json(String description, String schema) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content().addMediaType("application/json", new MediaType().schema(ref(schema))));
  }
}
