package com.example.trading.console.accounts;

import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Service;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One account, read-only: its portfolio (holdings, open orders, fees paid) and recent orders. */
@Controller
class AccountPages {

  private static final int RECENT_ORDERS = 50;

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
}
