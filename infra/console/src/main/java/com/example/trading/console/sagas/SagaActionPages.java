package com.example.trading.console.sagas;

import com.example.trading.console.services.ActionOutcomes;
import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Service;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What an operator does to an order whose saga is stuck, from the stuck list or the order's page,
 * always with a reason: <b>re-send</b> what the saga waits for (the orchestrator's {@code POST
 * /ops/sagas/{orderId}/resend}, recorded there with the operator) or <b>cancel</b> the order on the
 * customer's behalf (the command API's cancel with the reason, recorded in the order's history with
 * the operator). Each service checks the operator's token and decides; the page the operator came
 * from then says what happened.
 */
@Controller
class SagaActionPages {

  /** A path on this host: one slash, then no slash or backslash, and no white space anywhere. */
  private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])\\S*");

  private final TradingApis apis;

  SagaActionPages(TradingApis apis) {
    this.apis = apis;
  }

  @PostMapping("/orders/{orderId}/actions")
  String act(
      @PathVariable String orderId,
      @RequestParam String action,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String returnTo,
      RedirectAttributes redirect) {
    String back = "redirect:" + localPath(returnTo, "/orders/" + orderId);
    Optional<String> why = ActionOutcomes.reason(reason, "Nothing done to " + orderId, redirect);
    if (why.isEmpty()) {
      return back;
    }
    Map<String, String> body = Map.of("reason", why.get());
    switch (action) {
      case "resend" ->
          ActionOutcomes.report(
              apis.post(Service.SAGA, "/ops/sagas/{orderId}/resend", body, orderId),
              redirect,
              done ->
                  "Re-sent for "
                      + orderId
                      + " (step "
                      + done.path("step").asText()
                      + "): "
                      + done.path("detail").asText()
                      + ".",
              "Nothing re-sent for " + orderId);
      case "cancel" ->
          ActionOutcomes.report(
              apis.post(Service.COMMAND, "/api/orders/{orderId}/cancel", body, orderId),
              redirect,
              done ->
                  "Cancel of "
                      + orderId
                      + " requested on the customer's behalf ("
                      + done.path("status").asText()
                      + "); the saga undoes what it did.",
              "Order " + orderId + " not cancelled");
      default ->
          ActionOutcomes.refused(
              redirect, "Nothing done to " + orderId + ": unknown action '" + action + "'.");
    }
    return back;
  }

  /** A path on this console to return to; anything else (another host) is replaced. */
  private static String localPath(String returnTo, String fallback) {
    return LOCAL_PATH.matcher(returnTo).matches() ? returnTo : fallback;
  }
}
