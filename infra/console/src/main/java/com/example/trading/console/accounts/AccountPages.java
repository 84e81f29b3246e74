package com.example.trading.console.accounts;

import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Service;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Accounts, read-only: one account's portfolio (holdings, open orders, fees paid) and recent
 * orders; a customer's accounts, each with its totals.
 */
@Controller
class AccountPages {

  private static final int RECENT_ORDERS = 50;

  /** A customer id as the APIs take it (what else is not asked for). */
  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  private final TradingApis apis;

  AccountPages(TradingApis apis) {
    this.apis = apis;
  }

  @GetMapping("/accounts/{accountId}")
  String account(@PathVariable String accountId, Model model, HttpServletResponse response) {
    Optional<JsonNode> portfolio =
        apis.get(Service.QUERY, "/api/accounts/{accountId}/portfolio", accountId);
    if (portfolio.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("accountId", accountId);
      model.addAttribute("problem", "No account " + accountId + ".");
      return "search";
    }
    JsonNode orders =
        apis.get(
                Service.QUERY,
                "/api/accounts/{accountId}/orders",
                Map.of("size", RECENT_ORDERS),
                accountId)
            .orElse(null);
    model.addAttribute("accountId", accountId);
    model.addAttribute("portfolio", portfolio.get());
    model.addAttribute("orders", orders == null ? null : orders.path("items"));
    return "account";
  }

  /** One account of a customer, with its portfolio's totals. */
  record CustomerAccount(String accountId, String openedAt, JsonNode portfolio) {}

  @GetMapping("/customers/{customerId}")
  String customer(@PathVariable String customerId, Model model, HttpServletResponse response) {
    model.addAttribute("customerId", customerId);
    Optional<JsonNode> accounts =
        CUSTOMER_ID.matcher(customerId).matches()
            ? apis.get(Service.QUERY, "/api/customers/{customerId}/accounts", customerId)
            : Optional.empty();
    if (accounts.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("problem", "No account of a customer " + customerId + ".");
      return "search";
    }
    List<CustomerAccount> listed = new ArrayList<>();
    for (JsonNode account : accounts.get().path("accounts")) {
      String accountId = account.path("accountId").asText();
      listed.add(
          new CustomerAccount(
              accountId,
              account.path("openedAt").asText(""),
              apis.get(Service.QUERY, "/api/accounts/{accountId}/portfolio", accountId)
                  .orElse(null)));
    }
    model.addAttribute("accounts", listed);
    return "customer";
  }
}
