package com.example.trading.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's tour of the operator console ({@code make console-tour}, with {@code make run} up):
 * signs in as the operator in headless Chromium, opens each page of the running console and saves a
 * screenshot of it into {@code CONSOLE_TOUR_DIR} (default {@code infra/console/docs/tour}), with
 * each page's load time (Navigation Timing) in {@code page-load-ms.txt}. {@code TOUR_ORDER} names
 * the order whose page and account are shown (any order id the query API knows). It starts a dry
 * run of the portfolios view's rebuild (verified, then deleted) to show its page.
 */
public final class ConsoleTour {

  private ConsoleTour() {}

  public static void main(String[] args) throws Exception {
    String console = env("CONSOLE_URL", "http://127.0.0.1:8085");
    String order = env("TOUR_ORDER", null);
    Path out = Path.of(env("CONSOLE_TOUR_DIR", "infra/console/docs/tour"));
    Files.createDirectories(out);
    Files.deleteIfExists(out.resolve("page-load-ms.txt"));
    WebDriver browser = ConsoleBrowser.start();
    try {
      browser.get(console + "/overview");
      wait(browser, By.id("username"));
      browser.findElement(By.id("username")).sendKeys(env("OPERATOR_USER", "operator"));
      browser
          .findElement(By.id("password"))
          .sendKeys(env("TRADING_OPERATOR_PASSWORD", "operator-password"));
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait(browser, By.id("readiness-services"));
      // Once more, so the load time is the page's, not the sign-in's.
      visit(browser, console + "/overview", By.id("readiness-services"), out, "overview");
      visit(browser, console + "/orders", By.id("orderId"), out, "find-an-order");
      if (order != null) {
        visit(browser, console + "/orders/" + order, By.id("status"), out, "order");
        browser.findElement(By.cssSelector("a[href^='/accounts/']")).click();
        wait(browser, By.cssSelector("table"));
        shoot(browser, out, "account");
      }
      visit(
          browser,
          console + "/sagas/stuck?olderThan=PT0S",
          By.id("stuck-sagas"),
          out,
          "stuck-sagas");
      visit(browser, console + "/dead-letters", By.id("dead-letter-sources"), out, "dead-letters");
      visit(browser, console + "/views", By.id("views"), out, "views");
      // A dry run of a view's rebuild (verified, then deleted: the live view is untouched).
      WebElement portfolios = browser.findElement(By.cssSelector("section[data-view=portfolios]"));
      portfolios.findElement(By.tagName("summary")).click();
      portfolios.findElement(By.name("reason")).sendKeys("console tour: a dry run");
      portfolios.findElement(By.cssSelector("button[type=submit]")).click();
      wait(browser, By.id("rebuild-state"));
      new WebDriverWait(browser, Duration.ofMinutes(5))
          .ignoring(StaleElementReferenceException.class)
          .until(d -> !d.findElement(By.id("rebuild-state")).getText().equals("RUNNING"));
      shoot(browser, out, "view-rebuild");
    } finally {
      browser.quit();
    }
    System.out.println("console tour: screenshots in " + out.toAbsolutePath());
  }

  private static void visit(WebDriver browser, String url, By element, Path out, String name)
      throws Exception {
    browser.get(url);
    wait(browser, element);
    shoot(browser, out, name);
  }

  /** The whole page: the window is made as tall as the page (up to 4,000 pixels) first. */
  private static void shoot(WebDriver browser, Path out, String name) throws Exception {
    Number height =
        (Number)
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight;");
    browser.manage().window().setSize(new Dimension(1280, Math.min(height.intValue() + 40, 4000)));
    ConsoleBrowser.screenshot(browser, out, name);
    browser.manage().window().setSize(new Dimension(1280, 1100));
  }

  private static void wait(WebDriver browser, By element) {
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(element));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
