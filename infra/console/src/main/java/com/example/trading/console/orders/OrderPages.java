package com.example.trading.console.orders;

import com.example.trading.console.services.ServiceUrls;
import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Service;
import com.example.trading.schemas.order.OrderIds;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Finding an order (by its id, by account and client order id, an account's orders, or a customer's
 * accounts) and its page: terms, status, fills and fee from the CustomerOrders view, its
 * reservation and what it moved from its account's ledger, and its journey merged from the view,
 * the saga and the venue requests, with a link to its trace.
 */
@Controller
class OrderPages {

  /** An order's ledger entries the page shows at most (the API's largest page). */
  private static final int LEDGER_ENTRIES = 100;

  private final TradingApis apis;
  private final ServiceUrls urls;
  private final Clock clock;

  OrderPages(TradingApis apis, ServiceUrls urls) {
    this.apis = apis;
    this.urls = urls;
    this.clock = Clock.systemUTC();
  }

  @GetMapping("/")
  String home() {
    return "redirect:/orders";
  }

  @GetMapping("/orders")
  String find(
      @RequestParam(required = false) String orderId,
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String clientOrderId,
      @RequestParam(required = false) String customerId,
      Model model,
      HttpServletResponse response) {
    String customer = blankToNull(customerId);
    if (customer != null) {
      return "redirect:/customers/" + encode(customer);
    }
    String order = blankToNull(orderId);
    String account = blankToNull(accountId);
    String clientOrder = blankToNull(clientOrderId);
    model.addAttribute("orderId", order);
    model.addAttribute("accountId", account);
    model.addAttribute("clientOrderId", clientOrder);
    if (order != null) {
      return "redirect:/orders/" + encode(order);
    }
    if (clientOrder != null && account == null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute(
          "problem", "A client order id is unique within its account: give the account too.");
      return "search";
    }
    if (clientOrder != null) {
      return "redirect:/orders/" + OrderIds.forClientOrder(account, clientOrder);
    }
    if (account != null) {
      return "redirect:/accounts/" + encode(account);
    }
    return "search";
  }

  @GetMapping("/orders/{orderId}")
  String order(@PathVariable String orderId, Model model, HttpServletResponse response) {
    Optional<JsonNode> order = apis.get(Service.QUERY, "/api/orders/{orderId}", orderId);
    Optional<JsonNode> saga = apis.get(Service.SAGA, "/ops/sagas/{orderId}", orderId);
    if (order.isEmpty() && saga.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("orderId", orderId);
      model.addAttribute(
          "problem",
          "No order " + orderId + ": neither the orders view nor the orchestrator knows it.");
      return "search";
    }
    model.addAttribute("orderId", orderId);
    model.addAttribute("returnTo", "/orders/" + encode(orderId));
    model.addAttribute("order", order.orElse(null));
    model.addAttribute("ledger", order.map(found -> ledgerOf(orderId, found)).orElse(null));
    model.addAttribute("saga", saga.orElse(null));
    addJourney(orderId, order.orElse(null), saga.orElse(null), model);
    return "order";
  }

  /**
   * The order's entries in its account's ledger (its reservation and release, fills, fee held and
   * settled), newest first; empty while there are none.
   */
  private List<JsonNode> ledgerOf(String orderId, JsonNode order) {
    List<JsonNode> entries = new ArrayList<>();
    apis.get(
            Service.QUERY,
            "/api/accounts/{accountId}/activities",
            Map.of("orderId", orderId, "size", LEDGER_ENTRIES),
            order.path("accountId").asText())
        .ifPresent(page -> page.path("items").forEach(entries::add));
    return entries;
  }

  /** The journey alone, for the order page's refresh (htmx swaps it in place). */
  @GetMapping("/orders/{orderId}/journey")
  String journey(@PathVariable String orderId, Model model) {
    JsonNode order = apis.get(Service.QUERY, "/api/orders/{orderId}", orderId).orElse(null);
    JsonNode saga = apis.get(Service.SAGA, "/ops/sagas/{orderId}", orderId).orElse(null);
    model.addAttribute("orderId", orderId);
    addJourney(orderId, order, saga, model);
    return "order :: journey";
  }

  private void addJourney(String orderId, JsonNode order, JsonNode saga, Model model) {
    JsonNode venueRequests =
        apis.get(Service.SAGA, "/ops/sagas/{orderId}/venue-requests", orderId).orElse(null);
    JsonNode operatorActions =
        apis.get(Service.SAGA, "/ops/sagas/{orderId}/actions", orderId).orElse(null);
    model.addAttribute(
        "journey", Journey.of(order, saga, venueRequests, operatorActions, clock.instant()));
    String traceId = order == null ? null : order.path("traceId").asText(null);
    model.addAttribute("traceUrl", traceId == null ? null : urls.traceOf(traceId));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
