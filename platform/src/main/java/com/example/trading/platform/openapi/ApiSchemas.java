package com.example.trading.platform.openapi;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * Names and patterns the services' OpenAPI documents share; constants, so that annotations can use
 * them.
 */
public final class ApiSchemas {

  /**
   * A decimal as API.md writes it: a JSON string of digits with an optional fraction, e.g. {@code
   * "190.25"}.
   */
  public static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";

  /** The OAuth2 client-credentials security scheme. */
  public static final String OAUTH2 = "oauth2";

  /** The bearer-JWT security scheme. */
  public static final String BEARER = "bearer";

  private ApiSchemas() {}

  /** The schema of every {@code BigDecimal}: a string with {@link #DECIMAL_PATTERN}. */
  static Schema<String> decimal() {
    StringSchema decimal = new StringSchema();
    decimal.setPattern(DECIMAL_PATTERN);
    decimal.setExample("190.25");
    decimal.setDescription("a decimal number as a string");
    return decimal;
  }
}
