package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.order.OrderIds;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser: headless Chromium (Debian's, through Selenium 4) against
 * the console's runnable jar, the whole running system and the real identity provider. The operator
 * signs in with authorization code + PKCE (the identity provider's own sign-in form), finds an
 * order placed through the command API and sees its journey merged from the view, the saga and the
 * venue requests, and its trace link resolves in Zipkin; a saga stuck behind a venue that answers
 * only errors is listed; a customer's token is refused. The browser signs in first (the tests after
 * it use its session). A screenshot of each page is kept under {@code target/console-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleE2EIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

  private static RunningSystem system;
  private static ServiceProcess console;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    system = RunningSystem.get();
    TestStack stack = TestStack.get();
    console =
        ServiceProcess.of(
                ServiceProcess.runnableJarIn(Path.of("../console")),
                Map.of(
                    "TRADING_ISSUER_URI",
                    stack.issuer().uri(),
                    "QUERY_URL",
                    "http://127.0.0.1:" + system.querySide.port(),
                    "SAGA_URL",
                    "http://127.0.0.1:" + system.saga.port(),
                    "ZIPKIN_URL",
                    stack.zipkinUrl()))
            .start();
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build(),
            options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (console != null) {
      console.close();
    }
  }

  @Test
  @Order(1)
  void anOperatorSignsInFindsAnOrderAndSeesItsWholeJourneyAndItsTrace() throws Exception {
    String account = "acc-console-" + UUID.randomUUID().toString().substring(0, 8);
    String customer = "cust-console-" + UUID.randomUUID().toString().substring(0, 8);
    String orderId =
        system.aFilledMarketSell(account, customer, "c-console-1").path("orderId").asText();
    assertThat(orderId).isEqualTo(OrderIds.forClientOrder(account, "c-console-1"));

    // Signing in: the console sends the browser to the identity provider's own form.
    browser.get(console() + "/orders");
    waitFor(By.id("username"));
    screenshot("sign-in");
    browser.findElement(By.id("username")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys("operator-password");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(By.id("orderId"));
    assertThat(browser.getTitle()).startsWith("Find an order");
    assertThat(browser.findElement(By.cssSelector("label[for=orderId]")).getText())
        .isEqualTo("Order id");
    screenshot("find-an-order");

    // Finding it by account and client order id: the order's page.
    browser.findElement(By.id("accountId")).sendKeys(account);
    browser.findElement(By.id("clientOrderId")).sendKeys("c-console-1");
    browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
    waitFor(By.id("status"));
    assertThat(browser.getCurrentUrl()).endsWith("/orders/" + orderId);
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("FILLED");
    assertThat(browser.findElement(By.id("saga-step")).getText()).isEqualTo("FINISHING");
    List<String> journey =
        browser.findElements(By.cssSelector("table.journey tbody tr")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(journey)
        .anyMatch(row -> row.contains("ORDER") && row.contains("OrderPlaced"))
        .anyMatch(row -> row.contains("FEE") && row.contains("FeeCharged"))
        .anyMatch(row -> row.contains("SAGA") && row.contains("saga started"))
        .anyMatch(row -> row.contains("SAGA") && row.contains("saga finished"))
        .anyMatch(row -> row.contains("VENUE") && row.contains("SUBMIT requested"))
        .anyMatch(row -> row.contains("VENUE") && row.contains("SUBMIT answered"))
        .anyMatch(row -> row.contains("ORDER") && row.contains("OrderCompleted"));
    screenshot("order");

    // The trace link resolves in Zipkin: its page, and the trace behind it.
    String traceLink = browser.findElement(By.id("trace")).getAttribute("href");
    JsonNode order =
        JSON.readTree(
            TestHttp.asOperator().get(system.querySide.port(), "/api/orders/" + orderId).body());
    String traceId = order.path("traceId").asText();
    assertThat(traceLink).isEqualTo(TestStack.get().zipkinUrl() + "/zipkin/traces/" + traceId);
    assertThat(plainGet(traceLink).statusCode()).isEqualTo(200);
    Eventually.within(
        Duration.ofSeconds(60),
        () ->
            plainGet(TestStack.get().zipkinUrl() + "/api/v2/trace/" + traceId).statusCode() == 200
                ? true
                : null);

    // The account, read-only: its holdings and the order among its recent ones.
    browser.findElement(By.linkText(account)).click();
    waitFor(By.cssSelector("table"));
    assertThat(browser.getTitle()).startsWith("Account " + account);
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Holdings")
        .contains("c-console-1")
        .contains("USD");
    screenshot("account");
  }

  @Test
  void aSagaStuckBehindAVenueThatDoesNotAnswerIsListedWithItsStep() throws Exception {
    signIn();
    String account = "acc-stuck-" + UUID.randomUUID().toString().substring(0, 8);
    String customer = "cust-stuck-" + UUID.randomUUID().toString().substring(0, 8);
    system.openFundedAccount(account, customer);
    String settings = TestHttp.get(system.exchange.port(), "/venue/settings").body();
    String orderId;
    try {
      // The venue answers every request with an error: the order's saga stops progressing.
      var failing =
          TestHttp.putJson(
              system.exchange.port(),
              "/venue/settings",
              settings.replaceAll("\"errorRate\"\\s*:\\s*[0-9.Ee-]+", "\"errorRate\":1.0"));
      assertThat(failing.statusCode()).as(failing.body()).isEqualTo(200);
      orderId = system.placeMarketSell(account, customer, "c-stuck");

      WebElement row =
          Eventually.within(
              Duration.ofSeconds(60),
              () -> {
                browser.get(console() + "/sagas/stuck?olderThan=PT1S");
                waitFor(By.id("stuck-sagas"));
                return browser.findElements(By.cssSelector("#stuck-sagas tbody tr")).stream()
                    .filter(candidate -> candidate.getText().contains(orderId))
                    .findFirst()
                    .orElse(null);
              });
      String step = row.findElements(By.tagName("td")).get(1).getText();
      assertThat(step).isIn("PRICING", "RESERVING", "CHARGING_FEE", "SUBMITTING");

      // Narrowed to its step, it is still there; the label names the filter.
      new Select(browser.findElement(By.id("step"))).selectByValue(step);
      browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
      waitFor(By.id("stuck-sagas"));
      assertThat(browser.getCurrentUrl()).contains("step=" + step);
      assertThat(browser.findElement(By.id("stuck-sagas")).getText()).contains(orderId);
      assertThat(browser.findElement(By.cssSelector("label[for=olderThan]")).getText())
          .startsWith("No progress for at least");
      screenshot("stuck-sagas");

      // Its page shows where it stands.
      browser.findElement(By.linkText(orderId)).click();
      waitFor(By.id("saga-step"));
      assertThat(browser.findElement(By.id("saga-step")).getText()).isEqualTo(step);
    } finally {
      TestHttp.putJson(system.exchange.port(), "/venue/settings", settings);
    }
    // The venue answers again: the order ends, as any other.
    Eventually.within(
        Duration.ofSeconds(180),
        () -> {
          String status =
              JSON.readTree(
                      TestHttp.asOperator()
                          .get(system.querySide.port(), "/api/orders/" + orderId)
                          .body())
                  .path("status")
                  .asText();
          return List.of("FILLED", "REJECTED", "CANCELLED", "EXPIRED").contains(status)
              ? status
              : null;
        });
  }

  @Test
  void aCustomersTokenIsRefusedAndAnUnknownVisitorIsSentToSignIn() throws Exception {
    String customer = "cust-console-" + UUID.randomUUID().toString().substring(0, 8);
    TestStack.get().issuer().createCustomer(customer);
    String customerToken = TestStack.get().issuer().customerToken(customer);

    HttpResponse<String> asCustomer = get("/orders", customerToken);
    assertThat(asCustomer.statusCode()).isEqualTo(403);
    HttpResponse<String> asOperator = get("/orders", TestStack.get().issuer().operatorToken());
    assertThat(asOperator.statusCode()).isEqualTo(200);
    assertThat(asOperator.body()).contains("Find an order");
    HttpResponse<String> anonymous = get("/orders", null);
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location"))
        .hasValueSatisfying(
            location -> assertThat(location).endsWith("/oauth2/authorization/trading"));
  }

  @Test
  void anOrderNobodyKnowsIsSaidSoWithA404() throws Exception {
    HttpResponse<String> unknown =
        get("/orders/" + UUID.randomUUID(), TestStack.get().issuer().operatorToken());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("neither the orders view nor the orchestrator knows it");
    HttpResponse<String> clientOrderAlone =
        get("/orders?clientOrderId=c-1", TestStack.get().issuer().operatorToken());
    assertThat(clientOrderAlone.statusCode()).isEqualTo(400);
    assertThat(clientOrderAlone.body()).contains("give the account too");
  }

  /** Signs the browser in as the operator, unless it is already. */
  private static void signIn() {
    browser.get(console() + "/orders");
    new WebDriverWait(browser, PAGE_WAIT)
        .until(
            ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.id("username")),
                ExpectedConditions.presenceOfElementLocated(By.id("orderId"))));
    if (!browser.findElements(By.id("username")).isEmpty()) {
      browser.findElement(By.id("username")).sendKeys("operator");
      browser.findElement(By.id("password")).sendKeys("operator-password");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      waitFor(By.id("orderId"));
    }
  }

  private static String console() {
    return "http://127.0.0.1:" + console.port();
  }

  /**
   * Waits for an element; if it does not come, fails saying where the browser is and what it shows.
   */
  private static void waitFor(By element) {
    try {
      new WebDriverWait(browser, PAGE_WAIT)
          .until(ExpectedConditions.presenceOfElementLocated(element));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "no "
              + element
              + " within "
              + PAGE_WAIT
              + " at "
              + browser.getCurrentUrl()
              + ", which shows:\n"
              + browser.findElement(By.tagName("body")).getText()
              + "\n(console log: "
              + console.logFile()
              + ")",
          e);
    }
  }

  private static void screenshot(String page) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> plainGet(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
