package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.Topics;
import com.example.trading.schemas.order.OrderIds;
import com.example.trading.teststack.ServiceProcess;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser: headless Chromium (Debian's, through Selenium 4) against
 * the console's runnable jar, the whole running system and the real identity provider. The operator
 * signs in with authorization code + PKCE (the identity provider's own sign-in form), finds an
 * order placed through the command API and sees its journey merged from the view, the saga and the
 * venue requests, and its trace link resolves in Zipkin; a saga stuck behind a venue that answers
 * only errors is listed, re-sent and cancelled on the customer's behalf with reasons that its
 * history and journey then show; a poisoned command parked on a dead-letter topic is inspected and
 * re-driven from the desk after the fix, and applied once; the overview shows every service and
 * server ready and each chart with its queries, the views page each view's lag per partition; a
 * customer's token is refused. The browser signs in first (the tests after it use its session). A
 * screenshot of each page is kept under {@code target/console-screenshots}.
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
                    "COMMAND_URL",
                    "http://127.0.0.1:" + system.commandSide.port(),
                    "QUERY_URL",
                    "http://127.0.0.1:" + system.querySide.port(),
                    "SAGA_URL",
                    "http://127.0.0.1:" + system.saga.port(),
                    "PROJECTIONS_URL",
                    "http://127.0.0.1:" + system.projections.port(),
                    "ZIPKIN_URL",
                    stack.zipkinUrl(),
                    "PROMETHEUS_URL",
                    System.getenv().getOrDefault("PROMETHEUS_URL", "http://127.0.0.1:9090")))
            .start();
    Files.createDirectories(SCREENSHOTS);
    Files.deleteIfExists(SCREENSHOTS.resolve("page-load-ms.txt"));
    browser = ConsoleBrowser.start();
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
    // Its reservation and what it moved, from the account's ledger.
    assertThat(
            browser.findElements(By.cssSelector("#holdings-moved tbody tr")).stream()
                .map(WebElement::getText)
                .toList())
        .anyMatch(row -> row.contains("RESERVED"))
        .anyMatch(row -> row.contains("FILL"));
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

    // The customer's accounts, found by the customer's id.
    browser.get(console() + "/orders");
    waitFor(By.id("customerId"));
    browser.findElement(By.id("customerId")).sendKeys(customer);
    browser.findElement(By.cssSelector("form.customer button[type=submit]")).click();
    waitFor(By.id("customer-accounts"));
    assertThat(browser.getTitle()).startsWith("Customer " + customer);
    assertThat(browser.findElement(By.id("customer-accounts")).getText()).contains(account);
    screenshot("customer");
  }

  @Test
  void aSagaStuckBehindAVenueThatDoesNotAnswerIsListedAndTheOperatorActsOnItWithAReason()
      throws Exception {
    signIn();
    String account = "acc-stuck-" + UUID.randomUUID().toString().substring(0, 8);
    String customer = "cust-stuck-" + UUID.randomUUID().toString().substring(0, 8);
    system.openFundedAccount(account, customer);
    String settings = TestHttp.get(system.exchange.port(), "/venue/settings").body();
    String orderId;
    String cancelReason = "the customer asked by phone (console e2e)";
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

      // Without a reason nothing is done; with one, what the saga waits for is sent again.
      act(orderId, "", "resend");
      assertThat(browser.findElement(By.id("refused")).getText()).contains("give a reason");
      act(orderId, "venue said it is back (console e2e)", "resend");
      assertThat(browser.findElement(By.id("outcome")).getText())
          .startsWith("Re-sent for " + orderId)
          .contains("made due now");
      assertThat(browser.getCurrentUrl()).contains("step=" + step);
      screenshot("stuck-sagas");

      // Its page shows where it stands; the operator cancels it on the customer's behalf there.
      browser.findElement(By.linkText(orderId)).click();
      waitFor(By.id("saga-step"));
      assertThat(browser.findElement(By.id("saga-step")).getText()).isEqualTo(step);
      act(orderId, cancelReason, "cancel");
      assertThat(browser.findElement(By.id("outcome")).getText())
          .contains("requested on the customer's behalf");
      assertThat(browser.getCurrentUrl()).endsWith("/orders/" + orderId);
    } finally {
      TestHttp.putJson(system.exchange.port(), "/venue/settings", settings);
    }
    // The venue answers again: the saga undoes what it did and the order ends cancelled, its
    // history saying who asked and why, its journey what the operator re-sent.
    Eventually.within(
        Duration.ofSeconds(180),
        () ->
            "CANCELLED"
                    .equals(
                        JSON.readTree(
                                TestHttp.asOperator()
                                    .get(system.querySide.port(), "/api/orders/" + orderId)
                                    .body())
                            .path("status")
                            .asText())
                ? true
                : null);
    browser.get(console() + "/orders/" + orderId);
    waitFor(By.id("status"));
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("CANCELLED");
    List<String> journey =
        browser.findElements(By.cssSelector("table.journey tbody tr")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(journey)
        .anyMatch(
            entry ->
                entry.contains("OrderCancellationRequested")
                    && entry.contains("asked by operator:")
                    && entry.contains(cancelReason))
        .anyMatch(
            entry ->
                entry.contains("OPERATOR")
                    && entry.contains("resend by operator:")
                    && entry.contains("venue said it is back (console e2e)"));
    screenshot("order-acted-on");
  }

  /**
   * Poison, fix, re-drive, from the desk: the command side parks the order's fee charge on its
   * dead-letter topic (fault injection), the operator finds it and inspects it; once the command
   * side runs without the fault (the fix), the operator re-drives the parked copies as one
   * selection with a reason. The fee is charged once and the order fills.
   */
  @Test
  void aPoisonMessageIsReDrivenFromTheDeskAfterTheFixAndItsEffectAppearsOnce() throws Exception {
    signIn();
    String account = "acc-poison-" + UUID.randomUUID().toString().substring(0, 8);
    String customer = "cust-poison-" + UUID.randomUUID().toString().substring(0, 8);
    system.openFundedAccount(account, customer);
    String source = Topics.COMMANDS_DEAD_LETTER;
    String orderId;
    system.commandSide.close();
    try {
      system.commandSide.start(Map.of("FAULT_PARK_SAGA_COMMANDS", "ChargeFee"));
      orderId = system.placeMarketSell(account, customer, "c-poison");
      Eventually.within(
          Duration.ofSeconds(90),
          () -> {
            browser.get(console() + "/dead-letters/command/" + source);
            waitFor(By.id("dead-letters"));
            return browser.getPageSource().contains(orderId) ? true : null;
          });
    } finally {
      system.commandSide.close();
      system.commandSide.start();
    }

    // The desk lists the source with its pending count.
    browser.get(console() + "/dead-letters");
    waitFor(By.id("dead-letter-sources"));
    assertThat(browser.findElement(By.id("dead-letter-sources")).getText())
        .contains("command")
        .contains(source)
        .contains("saga")
        .contains("inbox-rejected");
    screenshot("dead-letters");

    // The source's page: the parked charges of this order, inspected and ticked.
    browser.findElement(By.linkText(source)).click();
    waitFor(By.id("dead-letters"));
    List<WebElement> parked =
        browser.findElements(By.cssSelector("#dead-letters tbody tr")).stream()
            .filter(candidate -> candidate.getText().contains("ChargeFee"))
            .filter(candidate -> candidate.getDomProperty("innerHTML").contains(orderId))
            .toList();
    assertThat(parked).isNotEmpty();
    parked.get(0).findElement(By.tagName("summary")).click();
    assertThat(parked.get(0).findElement(By.cssSelector("pre.payload")).getText())
        .contains(orderId);
    for (WebElement message : parked) {
      message.findElement(By.cssSelector("input[type=checkbox]")).click();
    }
    screenshot("dead-letter-source");
    browser.findElement(By.id("reason")).sendKeys("fee service fixed (console e2e)");
    browser.findElement(By.cssSelector("button[value=redrive]")).click();
    waitFor(By.id("outcome"));
    assertThat(browser.findElement(By.id("outcome")).getText())
        .startsWith("Re-drive of " + parked.size() + " message(s)")
        .contains("REDRIVEN")
        .doesNotContain("STILL_FAILING");

    JsonNode end =
        Eventually.within(
            Duration.ofSeconds(120),
            () -> {
              JsonNode document =
                  JSON.readTree(
                      TestHttp.asOperator()
                          .get(system.querySide.port(), "/api/orders/" + orderId)
                          .body());
              return "FILLED".equals(document.path("status").asText()) ? document : null;
            });
    assertThat(end.path("timeline").findValuesAsText("event"))
        .as("the fee charged once, however many copies were re-driven")
        .containsOnlyOnce("FeeCharged");
  }

  /**
   * The overview: every service ready with the servers it uses, the servers of their own (identity
   * provider, Zipkin, Prometheus), and the six charts of the last hour, each naming its Prometheus
   * queries, drawn or saying it has no samples; and the orders chart with the samples of this
   * system's processes (announced to the stack's Prometheus by {@link RunningSystem}).
   */
  @Test
  @Order(2)
  void theOverviewShowsEveryServiceAndServerReadyAndEachChartWithItsSource() throws Exception {
    signIn();
    browser.get(console() + "/overview");
    waitFor(By.id("readiness-services"));

    assertThat(rowsOf("readiness-services"))
        .containsKeys("command", "query", "saga", "projections", "Identity provider")
        .allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo("UP"));
    assertThat(browser.findElement(By.id("readiness-services")).getText())
        .contains("db UP")
        .contains("kafka UP")
        .contains("elasticsearch UP");
    assertThat(rowsOf("readiness-servers"))
        .containsKeys("PostgreSQL", "Kafka", "Elasticsearch", "Zipkin", "Prometheus")
        .allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo("UP"));

    List<WebElement> charts = browser.findElements(By.cssSelector("figure.chart"));
    assertThat(charts)
        .extracting(chart -> chart.getDomAttribute("id"))
        .containsExactly(
            "chart-orders",
            "chart-latency",
            "chart-lag",
            "chart-outbox",
            "chart-breaker",
            "chart-errors");
    for (WebElement chart : charts) {
      assertThat(chart.findElements(By.cssSelector(".problem")))
          .as("Prometheus answered the queries of %s", chart.getDomAttribute("id"))
          .isEmpty();
      assertThat(chart.findElement(By.cssSelector("details.source")).getDomProperty("innerHTML"))
          .contains("<code>")
          .contains("Explore in Prometheus");
      WebElement plot = chart.findElement(By.cssSelector("div.plot"));
      assertThat(
              "true".equals(plot.getDomAttribute("data-drawn"))
                  ? !plot.findElements(By.tagName("canvas")).isEmpty()
                  : plot.getText().equals("no samples in the last hour"))
          .as("%s is drawn by uPlot or says it has no samples", chart.getDomAttribute("id"))
          .isTrue();
    }
    // Real data: this system's processes are announced to the stack's Prometheus, which scrapes
    // them every 15 s; the orders of the first test appear in the orders chart once two scrapes
    // have seen the counter.
    if (System.getenv("PROMETHEUS_TARGETS_DIR") != null) {
      Eventually.within(
          Duration.ofMinutes(3),
          () -> {
            browser.navigate().refresh();
            waitFor(By.cssSelector("#chart-orders div.plot"));
            JsonNode chart =
                JSON.readTree(
                    browser
                        .findElement(By.cssSelector("#chart-orders div.plot"))
                        .getDomAttribute("data-chart"));
            return chart.path("series").isEmpty() ? null : chart;
          },
          Duration.ofSeconds(10));
    }
    screenshot("overview");

    // The views: each one's version, its projection running, the index behind its alias, and its
    // consumer group's lag per partition (the order of the first test has passed through every
    // view).
    browser.findElement(By.linkText("Views")).click();
    waitFor(By.id("views"));
    List<WebElement> views = browser.findElements(By.cssSelector("#views tbody tr"));
    assertThat(views)
        .extracting(view -> view.getDomAttribute("data-view"))
        .containsExactlyInAnyOrder(
            "customer-orders", "portfolios", "accounts", "account-activities");
    for (WebElement view : views) {
      List<WebElement> cells = view.findElements(By.tagName("td"));
      assertThat(cells.get(1).getText()).as("version").matches("\\d+");
      assertThat(cells.get(2).getText()).isEqualTo("running");
      assertThat(cells.get(3).getText())
          .as("the index behind the alias")
          .startsWith(system.prefix + view.getDomAttribute("data-view") + "-");
      assertThat(view.findElements(By.cssSelector("ul.partitions li")))
          .as("%s: lag per partition", view.getDomAttribute("data-view"))
          .isNotEmpty()
          .allSatisfy(partition -> assertThat(partition.getText()).matches(".+/\\d+: \\d+"));
    }
    screenshot("views");
  }

  @Test
  @Order(3)
  void anOperatorRebuildsAViewFromTheConsoleAndFollowsItToTheAliasSwap() throws Exception {
    String account = "acc-rebuild-" + UUID.randomUUID().toString().substring(0, 8);
    String customer = "cust-rebuild-" + UUID.randomUUID().toString().substring(0, 8);
    String orderId =
        system.aFilledMarketSell(account, customer, "c-rebuild-1").path("orderId").asText();
    signIn();

    // A dry run first: built, checked and verified, then deleted; the alias stays.
    startRebuild("customer-orders", "check the view after the upgrade", true);
    String dryRunState = rebuildEnded();
    assertThat(dryRunState)
        .as(browser.findElement(By.id("rebuild")).getText())
        .isEqualTo("SUCCEEDED");
    assertThat(browser.findElement(By.id("rebuild-rules")).getText()).contains(", 0 break");
    assertThat(browser.findElement(By.id("rebuild-verification")).getText())
        .contains("by content")
        .endsWith("passed");
    assertThat(browser.findElements(By.cssSelector("#verify-rounds tbody tr"))).isNotEmpty();
    assertThat(browser.findElement(By.id("rebuild-swap")).getText()).startsWith("Not swapped");
    assertThat(browser.findElement(By.id("rebuild-detail")).getText()).contains("dry run");
    assertThat(browser.findElement(By.id("rebuild")).getText())
        .contains("operator:")
        .contains("check the view after the upgrade");
    screenshot("view-rebuild-dry-run");

    // Then for real: the alias points at the new index, and the view still answers.
    startRebuild("customer-orders", "rebuild after the dry run passed", false);
    assertThat(rebuildEnded())
        .as(browser.findElement(By.id("rebuild")).getText())
        .isEqualTo("SUCCEEDED");
    String swap = browser.findElement(By.id("rebuild-swap")).getText();
    assertThat(swap).contains(" now points at ").contains("swapped from ");
    assertThat(browser.findElement(By.id("rebuild")).getText())
        .contains("real: verified, then swapped in");
    screenshot("view-rebuild");

    browser.findElement(By.linkText("All views")).click();
    waitFor(By.id("views"));
    List<WebElement> rebuilds =
        browser.findElements(
            By.cssSelector("section[data-view=customer-orders] table.rebuilds tbody tr"));
    assertThat(rebuilds).hasSizeGreaterThanOrEqualTo(2);
    assertThat(rebuilds.get(0).getText()).contains("real").contains("SUCCEEDED");
    assertThat(rebuilds.get(1).getText()).contains("dry run").contains("SUCCEEDED");
    JsonNode order =
        JSON.readTree(
            TestHttp.asOperator().get(system.querySide.port(), "/api/orders/" + orderId).body());
    assertThat(order.path("status").asText())
        .as("served from the rebuilt index")
        .isEqualTo("FILLED");
  }

  /** Opens the view's rebuild panel on the views page and starts one; waits for its page. */
  private static void startRebuild(String view, String reason, boolean dryRun) {
    browser.get(console() + "/views");
    waitFor(By.id("views"));
    WebElement section = browser.findElement(By.cssSelector("section[data-view=" + view + "]"));
    section.findElement(By.tagName("summary")).click();
    WebElement dryRunBox = section.findElement(By.name("dryRun"));
    if (dryRunBox.isSelected() != dryRun) {
      dryRunBox.click();
    }
    section.findElement(By.name("reason")).sendKeys(reason);
    WebElement page = browser.findElement(By.tagName("html"));
    section.findElement(By.cssSelector("button[type=submit]")).click();
    new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.stalenessOf(page));
    waitFor(By.id("rebuild-state"));
  }

  /** Waits, while the page refreshes itself, until the rebuild is no longer running. */
  private static String rebuildEnded() {
    return new WebDriverWait(browser, Duration.ofMinutes(3))
        .ignoring(StaleElementReferenceException.class)
        .until(
            driver -> {
              String state = driver.findElement(By.id("rebuild-state")).getText();
              return state.equals("RUNNING") ? null : state;
            });
  }

  /** The first two cells of each row of a table: name → status. */
  private static Map<String, String> rowsOf(String table) {
    Map<String, String> rows = new java.util.LinkedHashMap<>();
    for (WebElement row : browser.findElements(By.cssSelector("#" + table + " tbody tr"))) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      rows.put(cells.get(0).getText(), cells.get(1).getText());
    }
    return rows;
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

  /**
   * Opens the order's "Act" panel on the current page, gives the reason and presses the action's
   * button; waits for the page the console returns to.
   */
  private static void act(String orderId, String reason, String action) {
    WebElement panel =
        browser.findElements(By.cssSelector("details.act")).stream()
            .filter(candidate -> candidate.getText().contains(orderId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Act panel for " + orderId));
    panel.findElement(By.tagName("summary")).click();
    WebElement field = panel.findElement(By.name("reason"));
    field.clear();
    field.sendKeys(reason);
    if (reason.isEmpty()) {
      // The browser itself refuses an empty required field; the console must refuse it too.
      ((JavascriptExecutor) browser)
          .executeScript("arguments[0].removeAttribute('required')", field);
    }
    WebElement page = browser.findElement(By.tagName("html"));
    panel.findElement(By.cssSelector("button[value=" + action + "]")).click();
    new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.stalenessOf(page));
    waitFor(By.cssSelector("#outcome, #refused"));
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
    ConsoleBrowser.screenshot(browser, SCREENSHOTS, page);
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
