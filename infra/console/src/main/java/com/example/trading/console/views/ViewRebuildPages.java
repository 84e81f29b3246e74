package com.example.trading.console.views;

import com.example.trading.console.services.ActionOutcomes;
import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Answer;
import com.example.trading.console.services.TradingApis.Service;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Rebuilding a view from the console: started with a reason (a dry run, or for real), then followed
 * on its own page — phase and progress, the rules check, each verification round, and the alias
 * swap — through the projections' {@code /ops/views/{view}/rebuilds}, which runs it as {@code make
 * replay} does and records the operator and the reason. While it runs the page refreshes its status
 * in place every second (htmx); without JavaScript, a link reloads it.
 */
@Controller
class ViewRebuildPages {

  private final TradingApis apis;

  ViewRebuildPages(TradingApis apis) {
    this.apis = apis;
  }

  @PostMapping("/views/{view}/rebuilds")
  String start(
      @PathVariable String view,
      @RequestParam(defaultValue = "false") boolean dryRun,
      @RequestParam(defaultValue = "false") boolean deleteOld,
      @RequestParam(defaultValue = "false") boolean force,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    Optional<String> why =
        ActionOutcomes.reason(reason, "No rebuild of " + view + " started", redirect);
    if (why.isEmpty()) {
      return "redirect:/views";
    }
    Answer answer =
        apis.post(
            Service.PROJECTIONS,
            "/ops/views/{view}/rebuilds",
            Map.of("reason", why.get(), "dryRun", dryRun, "deleteOld", deleteOld, "force", force),
            view);
    ActionOutcomes.report(
        answer,
        redirect,
        started ->
            (dryRun ? "Dry run of " : "Rebuild of ")
                + view
                + " started (alias "
                + started.path("alias").asText()
                + (dryRun
                    ? "): once verified, the new index is deleted."
                    : "): once verified, the alias is pointed at the new index."),
        "No rebuild of " + view + " started");
    if (!answer.succeeded()) {
      return "redirect:/views";
    }
    redirect.addAttribute("view", view);
    redirect.addAttribute("id", answer.body().path("id").asText());
    return "redirect:/views/{view}/rebuilds/{id}";
  }

  @GetMapping("/views/{view}/rebuilds/{id}")
  String rebuild(
      @PathVariable String view,
      @PathVariable String id,
      Model model,
      RedirectAttributes redirect) {
    Optional<JsonNode> status =
        apis.get(Service.PROJECTIONS, "/ops/views/{view}/rebuilds/{id}", view, id);
    if (status.isEmpty()) {
      ActionOutcomes.refused(redirect, "No rebuild " + id + " of the view " + view + ".");
      return "redirect:/views";
    }
    model.addAttribute("rebuild", status.get());
    return "view-rebuild";
  }

  /** The rebuild's status alone, for the page's refresh in place while it runs. */
  @GetMapping("/views/{view}/rebuilds/{id}/status")
  String status(@PathVariable String view, @PathVariable String id, Model model) {
    model.addAttribute(
        "rebuild",
        apis.get(Service.PROJECTIONS, "/ops/views/{view}/rebuilds/{id}", view, id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return "view-rebuild :: status";
  }
}
