package com.example.trading.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestLoggingContextFilterTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "/api/accounts/acc-1/deposits, acc-1, -",
        "/api/accounts/acc-1, acc-1, -",
        "/api/orders/0e0c0b4e-1b7a-4b7f-9a53-0c0d35d3a0a1/cancel, -, 0e0c0b4e-1b7a-4b7f-9a53-0c0d35d3a0a1",
        "/api/orders, -, -",
        "/actuator/health, -, -"
      })
  void namesTheAccountOrOrderOfTheRequestPathWhileItIsHandled(
      String path, String account, String order) throws Exception {
    Map<String, String> seen = new HashMap<>();
    new RequestLoggingContextFilter()
        .doFilter(
            new MockHttpServletRequest("POST", path),
            new MockHttpServletResponse(),
            (request, response) -> {
              seen.put("accountId", MDC.get("accountId"));
              seen.put("orderId", MDC.get("orderId"));
            });

    assertThat(seen.get("accountId")).isEqualTo(account);
    assertThat(seen.get("orderId")).isEqualTo(order);
    assertThat(MDC.get("accountId")).isNull();
    assertThat(MDC.get("orderId")).isNull();
  }
}
