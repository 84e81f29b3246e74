package com.example.trading.exchange.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Prices travel as JSON strings ({@code "190.25"}), never as floating-point numbers, and the
 * OpenAPI document says so. Requests may send a decimal as a string or a number; either is read
 * exactly.
 */
@Configuration(proxyBeanMethods = false)
class DecimalsAsStrings {

  static {
    SpringDocUtils.getConfig()
        .replaceWithSchema(
            BigDecimal.class, new StringSchema().format("decimal").example("190.25"));
  }

  @Bean
  JsonMapperBuilderCustomizer decimalsAsJsonStrings() {
    return builder ->
        builder.withConfigOverride(
            BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
  }
}
