package com.example.trading.teststack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What every secured service promises (API.md "Identity and authorization"), as tests its
 * integration test inherits: probes and build info stay open; {@code /actuator/prometheus} needs an
 * operator token of the configured issuer, and a token with anything wrong with it is refused
 * {@code 401} with {@code WWW-Authenticate: Bearer} and a problem document; a customer's valid
 * token is refused {@code 403} there.
 */
public interface SecuredApiContract {

  String OPERATOR_ONLY = "/actuator/prometheus";

  /** The port the service under test listens on. */
  int port();

  @Test
  default void probesAndInfoStayOpen() {
    assertThat(TestHttp.get(port(), "/actuator/health/readiness").statusCode()).isIn(200, 503);
    assertThat(TestHttp.get(port(), "/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(TestHttp.get(port(), "/actuator/info").statusCode()).isEqualTo(200);
  }

  @Test
  default void withoutATokenIs401WithABearerChallengeAndAProblem() {
    HttpResponse<String> response = TestHttp.get(port(), OPERATOR_ONLY);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"status\":401");
  }

  @Test
  default void refusesEveryTokenWithSomethingWrong() {
    TokenForge forge = TestStack.get().tokenForge();
    assertThat(statusWith(forge.valid("ops-1", Issuer.OPERATOR_SCOPE)))
        .as("control: a correctly made operator token")
        .isEqualTo(200);
    refused(forge::expired, "expired");
    refused(forge::fromAnotherIssuer, "another issuer");
    refused(forge::forAnotherAudience, "another audience");
    refused(forge::signedByAnotherKey, "another key");
    assertThat(statusWith(forge.tampered("ops-1"))).as("altered after signing").isEqualTo(401);
    assertThat(statusWith("not-a-jwt")).as("not a JWT").isEqualTo(401);
  }

  @Test
  default void aCustomerTokenIsNotAnOperatorToken() {
    HttpResponse<String> response =
        TestHttp.asCustomer(TestStack.uniqueName("cust")).get(port(), OPERATOR_ONLY);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"status\":403");
  }

  @Test
  default void anOperatorTokenFromTheIssuerIsAccepted() {
    assertThat(TestHttp.asOperator().get(port(), OPERATOR_ONLY).statusCode()).isEqualTo(200);
  }

  private void refused(java.util.function.BiFunction<String, String, String> token, String what) {
    HttpResponse<String> response =
        TestHttp.as(token.apply("ops-1", Issuer.OPERATOR_SCOPE)).get(port(), OPERATOR_ONLY);
    assertThat(response.statusCode())
        .as("a token from " + what + ": " + response.body())
        .isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .as(what)
        .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
  }

  private int statusWith(String token) {
    return TestHttp.as(token).get(port(), OPERATOR_ONLY).statusCode();
  }
}
