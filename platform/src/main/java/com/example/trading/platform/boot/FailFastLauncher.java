package com.example.trading.platform.boot;

import org.springframework.boot.SpringApplication;

/**
 * Starts a Spring Boot service and ends the JVM when start-up fails. Without it a failed start
 * leaves the process hanging (Axon's janitor thread is not a daemon), so a supervisor or a script
 * waiting for the port would never learn the service is dead.
 */
public final class FailFastLauncher {

  private FailFastLauncher() {}

  public static void run(Class<?> application, String... args) {
    try {
      SpringApplication.run(application, args);
    } catch (Throwable startupFailure) {
      // Spring Boot has already logged the cause.
      System.exit(1);
    }
  }
}
