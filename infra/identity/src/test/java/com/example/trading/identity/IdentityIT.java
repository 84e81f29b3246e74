package com.example.trading.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.Issuer;
import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.PublishedApiDocumentContract;
import com.example.trading.teststack.SecuredApiContract;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real issuer process (its runnable jar, as every other module's tests use it): tokens and
 * their claims, customers' credentials, the operator's browser login with PKCE, and the refusals.
 */
class IdentityIT
    implements OperationalEndpointsContract, SecuredApiContract, PublishedApiDocumentContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONSOLE_REDIRECT = "http://127.0.0.1:8085/login/oauth2/code/trading";

  private final Issuer issuer = TestStack.get().issuer();

  @Override
  public int port() {
    return URI.create(issuer.uri()).getPort();
  }

  @Override
  public Path publishedDocument() {
    return Path.of("openapi", "identity-api.json");
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"db"};
  }

  @Test
  void anOperatorTokenIsForTheTradingApiAndCarriesTheOperatorScope() throws Exception {
    JsonNode claims = claims(issuer.operatorToken());

    assertThat(claims.path("iss").asText()).isEqualTo(issuer.uri());
    assertThat(claims.path("aud").toString()).contains("trading-api");
    assertThat(claims.path("sub").asText()).isEqualTo("trading-operator");
    assertThat(claims.path("scope").toString()).contains("trading.operator");
    JsonNode answer =
        JSON.readTree(
            issuer
                .requestToken("trading-operator", "test-operator-secret", "trading.operator")
                .body());
    assertThat(answer.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(answer.path("expires_in").asLong()).isGreaterThanOrEqualTo(300);
  }

  @Test
  void aWrongSecretGetsNoToken() {
    assertThat(issuer.requestToken("trading-operator", "guess", "trading.operator").statusCode())
        .isEqualTo(401);
  }

  @Test
  void anOperatorCreatesACustomerWhoseTokensNameTheCustomer() throws Exception {
    String customer = TestStack.uniqueName("cust");
    var created =
        TestHttp.asOperator()
            .postJson(port(), "/api/customers", "{\"customerId\":\"" + customer + "\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    assertThat(body.path("clientId").asText()).isEqualTo(customer);
    String secret = body.path("clientSecret").asText();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(40);

    JsonNode token =
        JSON.readTree(issuer.requestToken(customer, secret, "trading.customer").body());
    JsonNode claims = claims(token.path("access_token").asText());
    assertThat(claims.path("sub").asText()).isEqualTo(customer);
    assertThat(claims.path("scope").toString())
        .contains("trading.customer")
        .doesNotContain("trading.operator");
    assertThat(issuer.requestToken(customer, secret, "trading.operator").statusCode())
        .as("a customer cannot ask for the operator scope")
        .isEqualTo(400);

    var again =
        TestHttp.asOperator()
            .postJson(port(), "/api/customers", "{\"customerId\":\"" + customer + "\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).doesNotContain(secret);
    assertThat(TestHttp.asOperator().get(port(), "/api/customers/" + customer).body())
        .doesNotContain(secret);
  }

  @Test
  void theInstallationsOwnClientIdsAndBadIdsCannotBeTaken() {
    assertThat(
            TestHttp.asOperator()
                .postJson(port(), "/api/customers", "{\"customerId\":\"trading-operator\"}")
                .statusCode())
        .isEqualTo(409);
    for (String bad : new String[] {"", "../x", "a b", "x".repeat(65), "%2F"}) {
      assertThat(
              TestHttp.asOperator()
                  .postJson(port(), "/api/customers", "{\"customerId\":\"" + bad + "\"}")
                  .statusCode())
          .as(bad)
          .isEqualTo(400);
    }
  }

  @Test
  void onlyAnOperatorCreatesCustomers() {
    String customer = TestStack.uniqueName("cust");
    var asCustomer =
        TestHttp.asCustomer(customer)
            .postJson(port(), "/api/customers", "{\"customerId\":\"x-1\"}");
    var anonymous = TestHttp.postJson(port(), "/api/customers", "{\"customerId\":\"x-2\"}");

    assertThat(asCustomer.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
  }

  @Test
  void theDiscoveryDocumentAndTheKeysArePublished() throws Exception {
    JsonNode discovery =
        JSON.readTree(TestHttp.get(port(), "/.well-known/openid-configuration").body());
    assertThat(discovery.path("issuer").asText()).isEqualTo(issuer.uri());
    assertThat(discovery.path("token_endpoint").asText()).isEqualTo(issuer.uri() + "/oauth2/token");
    JsonNode keys = JSON.readTree(TestHttp.get(port(), "/oauth2/jwks").body());
    assertThat(keys.path("keys"))
        .singleElement()
        .satisfies(
            key -> {
              assertThat(key.path("kty").asText()).isEqualTo("RSA");
              assertThat(key.has("d")).as("no private part published").isFalse();
            });
  }

  @Test
  void theOperatorSignsInWithABrowserThroughAuthorizationCodeAndPkce() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String verifier = randomUrlSafe(48);
    String challenge =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    String authorize =
        issuer.uri()
            + "/oauth2/authorize?response_type=code&client_id=trading-console"
            + "&redirect_uri="
            + encode(CONSOLE_REDIRECT)
            + "&scope="
            + encode("openid trading.operator")
            + "&state=s-1&code_challenge="
            + challenge
            + "&code_challenge_method=S256";

    var toLogin = browser.send(html(authorize).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(toLogin.statusCode()).isEqualTo(302);
    assertThat(toLogin.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    var loginPage =
        browser.send(html(issuer.uri() + "/login").build(), HttpResponse.BodyHandlers.ofString());
    Matcher csrf =
        Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
    assertThat(csrf.find()).as(loginPage.body()).isTrue();
    var signedIn =
        browser.send(
            html(issuer.uri() + "/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=operator&password=operator-password&_csrf="
                            + encode(csrf.group(1))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    String back = signedIn.headers().firstValue("Location").orElseThrow();
    var toConsole =
        browser.send(
            html(back.startsWith("http") ? back : issuer.uri() + back).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(toConsole.statusCode()).isEqualTo(302);
    String redirect = toConsole.headers().firstValue("Location").orElseThrow();
    assertThat(redirect).startsWith(CONSOLE_REDIRECT).contains("state=s-1");
    Matcher code = Pattern.compile("code=([^&]+)").matcher(redirect);
    assertThat(code.find()).isTrue();

    String exchange =
        "grant_type=authorization_code&client_id=trading-console&redirect_uri="
            + encode(CONSOLE_REDIRECT)
            + "&code="
            + code.group(1)
            + "&code_verifier=";
    var wrongVerifier =
        browser.send(form(exchange + randomUrlSafe(48)), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongVerifier.statusCode()).as("a code with the wrong PKCE verifier").isEqualTo(400);
    var tokens = browser.send(form(exchange + verifier), HttpResponse.BodyHandlers.ofString());
    // A code is single-use: after the wrong verifier failed it is gone, as RFC 6749 asks. Start
    // again.
    assertThat(tokens.statusCode()).isIn(200, 400);
    if (tokens.statusCode() == 400) {
      var again = browser.send(html(authorize).build(), HttpResponse.BodyHandlers.ofString());
      Matcher second =
          Pattern.compile("code=([^&]+)")
              .matcher(again.headers().firstValue("Location").orElseThrow());
      assertThat(second.find()).isTrue();
      tokens =
          browser.send(
              form(
                  exchange.replace("&code=" + code.group(1), "&code=" + second.group(1))
                      + verifier),
              HttpResponse.BodyHandlers.ofString());
    }
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonNode claims = claims(JSON.readTree(tokens.body()).path("access_token").asText());
    assertThat(claims.path("sub").asText()).isEqualTo("operator");
    assertThat(claims.path("scope").toString()).contains("trading.operator");
    assertThat(claims.path("aud").toString()).contains("trading-api");

    // An OIDC client (the console) asks the userinfo endpoint who signed in, with that token.
    String accessToken = JSON.readTree(tokens.body()).path("access_token").asText();
    var userInfo =
        browser.send(
            HttpRequest.newBuilder(URI.create(issuer.uri() + "/userinfo"))
                .header("Authorization", "Bearer " + accessToken)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
    assertThat(JSON.readTree(userInfo.body()).path("sub").asText()).isEqualTo("operator");
  }

  private HttpRequest form(String body) {
    return HttpRequest.newBuilder(URI.create(issuer.uri() + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest.Builder html(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html");
  }

  private static JsonNode claims(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String randomUrlSafe(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
