package com.example.trading.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser the console is looked at with: Debian's headless Chromium through its chromedriver
 * (both installed by {@code infra/local/browser}), and screenshots that record each page's load
 * time.
 */
final class ConsoleBrowser {

  private ConsoleBrowser() {}

  static WebDriver start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100");
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build(),
        options);
  }

  /**
   * Saves a screenshot of the page as {@code <page>.png} in {@code folder}, and appends how long
   * the browser took to load it (navigation start to load end, from the Navigation Timing API) to
   * {@code page-load-ms.txt}: a measurement, not an assertion (timings on a shared 2-core machine
   * would make a flaky test).
   */
  static void screenshot(WebDriver browser, Path folder, String page) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), folder.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    Object loadMillis =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                    + " return n ? Math.round(n.duration) : null;");
    Files.writeString(
        folder.resolve("page-load-ms.txt"),
        page + " " + loadMillis + " ms " + browser.getCurrentUrl() + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
