package com.example.trading.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.command.CommandSideIntegrationTest;
import com.example.trading.teststack.TestHttp;
import com.example.trading.teststack.TestStack;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A customer past the command API's rate limit (here 1/s, bursts of 10) gets 429; others do not.
 */
class RateLimitIT extends CommandSideIntegrationTest {

  @Test
  void aCustomerPastTheLimitGets429WithRetryAfterAndOthersAreNotSlowed() {
    TestHttp.Caller customer = TestHttp.asCustomer(TestStack.uniqueName("cust"));
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(customer.postJson(port, "/api/orders/" + UUID.randomUUID() + "/cancel", ""));
    }

    List<HttpResponse<String>> limited =
        answers.stream().filter(a -> a.statusCode() == 429).toList();
    assertThat(limited).hasSizeGreaterThanOrEqualTo(5);
    assertThat(answers.subList(0, 10)).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(404));
    HttpResponse<String> refused = limited.getFirst();
    assertThat(refused.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(1L, 10L);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.body()).contains("/problems/rate-limited");

    assertThat(
            TestHttp.asCustomer(TestStack.uniqueName("cust"))
                .postJson(port, "/api/orders/" + UUID.randomUUID() + "/cancel", "")
                .statusCode())
        .as("another customer")
        .isEqualTo(404);
    assertThat(
            OPERATOR
                .postJson(port, "/api/orders/" + UUID.randomUUID() + "/cancel", "")
                .statusCode())
        .as("the operator")
        .isEqualTo(404);
  }
}
