package com.example.trading.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The operator console: server-rendered pages over the services' public and {@code /ops} HTTP APIs,
 * for operators signed in through the identity provider. It keeps no data of its own.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConsoleApplication.class, args);
  }
}
