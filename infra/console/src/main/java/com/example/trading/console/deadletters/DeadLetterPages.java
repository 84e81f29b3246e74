package com.example.trading.console.deadletters;

import com.example.trading.console.services.ActionOutcomes;
import com.example.trading.console.services.ServiceUnavailable;
import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Service;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead-letter desk: every dead-letter source of the services that park messages (the command
 * side's and the projections' dead-letter topics, the orchestrator's rejected inbox rows), each
 * message with its headers, payload and reason, and re-drive or discard of one, a selection or
 * every pending one with a reason. It works through each service's {@code /ops/dead-letters}, so
 * the same rules apply (a handled message is not handled again; a source that cannot be re-driven
 * one by one says what to do instead) and each service records the operator and the reason.
 */
@Controller
class DeadLetterPages {

  /** The services with dead-letter sources, in the order the desk lists them. */
  private static final List<Service> SERVICES =
      List.of(Service.COMMAND, Service.SAGA, Service.PROJECTIONS);

  private static final Set<String> STATES = Set.of("pending", "redriven", "discarded", "all");

  /** One service's sources, or why they could not be read. */
  record ServiceSources(String service, List<JsonNode> sources, String unavailable) {}

  private final TradingApis apis;

  DeadLetterPages(TradingApis apis) {
    this.apis = apis;
  }

  @GetMapping("/dead-letters")
  String desk(Model model) {
    List<ServiceSources> services = new ArrayList<>();
    for (Service service : SERVICES) {
      try {
        JsonNode answer = apis.get(service, "/ops/dead-letters").orElseThrow();
        List<JsonNode> sources = new ArrayList<>();
        answer.path("sources").forEach(sources::add);
        services.add(new ServiceSources(name(service), sources, null));
      } catch (ServiceUnavailable e) {
        services.add(new ServiceSources(name(service), List.of(), e.getMessage()));
      }
    }
    model.addAttribute("services", services);
    return "dead-letters";
  }

  @GetMapping("/dead-letters/{service}/{source}")
  String source(
      @PathVariable String service,
      @PathVariable String source,
      @RequestParam(defaultValue = "pending") String state,
      Model model,
      HttpServletResponse response) {
    Optional<Service> known = service(service);
    if (known.isEmpty() || !STATES.contains(state)) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute(
          "problem",
          known.isEmpty()
              ? "No service '" + service + "' parks messages: command, saga or projections."
              : "No state '" + state + "': pending, redriven, discarded or all.");
      return desk(model);
    }
    Optional<JsonNode> summary = Optional.empty();
    for (JsonNode candidate :
        apis.get(known.get(), "/ops/dead-letters").orElseThrow().path("sources")) {
      if (candidate.path("source").asText().equals(source)) {
        summary = Optional.of(candidate);
      }
    }
    Optional<JsonNode> messages =
        apis.get(known.get(), "/ops/dead-letters/{source}", Map.of("state", state), source);
    if (summary.isEmpty() || messages.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute(
          "problem", "The " + service + " service has no dead-letter source '" + source + "'.");
      return desk(model);
    }
    List<JsonNode> listed = new ArrayList<>();
    messages.get().path("messages").forEach(listed::add);
    model.addAttribute("service", service);
    model.addAttribute("source", summary.get());
    model.addAttribute("state", state);
    model.addAttribute("messages", listed);
    return "dead-letter-source";
  }

  @PostMapping("/dead-letters/{service}/{source}")
  String act(
      @PathVariable String service,
      @PathVariable String source,
      @RequestParam String action,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(required = false) List<String> ids,
      @RequestParam(defaultValue = "false") boolean all,
      RedirectAttributes redirect) {
    Optional<Service> known = service(service);
    if (known.isEmpty() || !(action.equals("redrive") || action.equals("discard"))) {
      ActionOutcomes.refused(redirect, "Nothing done: unknown service or action.");
      return "redirect:/dead-letters";
    }
    String back = "redirect:/dead-letters/" + name(known.get()) + "/" + source;
    Optional<String> why = ActionOutcomes.reason(reason, "Nothing done", redirect);
    if (why.isEmpty()) {
      return back;
    }
    List<String> chosen = ids == null ? List.of() : ids;
    if (chosen.isEmpty() == !all) {
      ActionOutcomes.refused(
          redirect,
          "Nothing done: tick the messages, or choose every pending one, not both and not"
              + " neither.");
      return back;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", why.get());
    if (all) {
      body.put("all", true);
    } else {
      body.put("ids", chosen);
    }
    ActionOutcomes.report(
        apis.post(known.get(), "/ops/dead-letters/{source}/{action}", body, source, action),
        redirect,
        done -> {
          List<String> results = new ArrayList<>();
          for (JsonNode result : done.path("results")) {
            String detail = result.path("detail").asText("");
            results.add(
                result.path("id").asText()
                    + ": "
                    + result.path("outcome").asText()
                    + (detail.isBlank() ? "" : " (" + detail + ")"));
          }
          return (action.equals("redrive") ? "Re-drive" : "Discard")
              + " of "
              + results.size()
              + " message(s): "
              + String.join("; ", results)
              + ".";
        },
        "Nothing done");
    return back;
  }

  private static Optional<Service> service(String name) {
    return SERVICES.stream().filter(s -> name(s).equals(name)).findFirst();
  }

  private static String name(Service service) {
    return service.name().toLowerCase(Locale.ROOT);
  }
}
