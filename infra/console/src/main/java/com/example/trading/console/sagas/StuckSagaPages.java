package com.example.trading.console.sagas;

import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Service;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sagas that have made no progress for a while (the orchestrator's {@code /ops/sagas/stuck}: not
 * those resting at the venue by design), least recently progressed first, narrowed to one step;
 * each row offers the actions of {@link SagaActionPages}.
 */
@Controller
class StuckSagaPages {

  /** As many as one page shows; the orchestrator answers at most 1,000. */
  private static final int LIMIT = 500;

  private final TradingApis apis;

  StuckSagaPages(TradingApis apis) {
    this.apis = apis;
  }

  @GetMapping("/sagas/stuck")
  String stuck(
      @RequestParam(defaultValue = "PT5M") String olderThan,
      @RequestParam(required = false) String step,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    model.addAttribute(
        "returnTo",
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    model.addAttribute("olderThan", olderThan);
    model.addAttribute("step", step == null || step.isBlank() ? null : step);
    Duration age;
    try {
      age = Duration.parse(olderThan.strip());
    } catch (DateTimeParseException e) {
      age = null;
    }
    if (age == null || age.isNegative()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute(
          "problem",
          "\"No progress for at least\" takes an ISO-8601 duration such as PT5M or PT30S.");
      model.addAttribute("sagas", List.of());
      model.addAttribute("steps", List.of());
      return "stuck";
    }
    JsonNode answer =
        apis.get(
                Service.SAGA,
                "/ops/sagas/stuck",
                Map.of("olderThan", age.toString(), "limit", LIMIT))
            .orElseThrow();
    TreeSet<String> steps = new TreeSet<>();
    List<JsonNode> sagas = new ArrayList<>();
    for (JsonNode saga : answer) {
      String sagaStep = saga.path("step").asText();
      steps.add(sagaStep);
      if (step == null || step.isBlank() || step.equals(sagaStep)) {
        sagas.add(saga);
      }
    }
    if (step != null && !step.isBlank()) {
      steps.add(step);
    }
    model.addAttribute("sagas", sagas);
    model.addAttribute("steps", List.copyOf(steps));
    model.addAttribute("limited", answer.size() >= LIMIT);
    return "stuck";
  }
}
