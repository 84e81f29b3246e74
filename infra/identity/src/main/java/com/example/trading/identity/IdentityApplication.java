package com.example.trading.identity;

import com.example.trading.platform.boot.FailFastLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The OAuth2 / OIDC issuer of the local stack and the tests: Spring Authorization Server with the
 * operator's client and browser login, customers' API clients created by operators, and signing
 * keys generated on first start.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IdentityApplication {

  public static void main(String[] args) {
    FailFastLauncher.run(IdentityApplication.class, args);
  }
}
