package com.example.trading.console.views;

import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Answer;
import com.example.trading.console.services.TradingApis.Service;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The views (read-only): each live view's version, whether its projection runs or refuses to write
 * (and why), and its lag in events and seconds, in total and per partition it reads — from the
 * projections' health ({@code PROJECTIONS_URL}: the instance there, and the partitions assigned to
 * it).
 */
@Controller
class ViewPages {

  /** One view as the page shows it. */
  record ViewState(
      String name,
      int version,
      boolean running,
      long lagEvents,
      long lagSeconds,
      String refused,
      Map<String, Long> lagByPartition) {}

  private final TradingApis apis;

  ViewPages(TradingApis apis) {
    this.apis = apis;
  }

  @GetMapping("/views")
  String views(Model model) {
    Answer health = apis.read(Service.PROJECTIONS, "/actuator/health");
    JsonNode projections = health.body().path("components").path("projections");
    List<ViewState> views = new ArrayList<>();
    for (Map.Entry<String, JsonNode> view : projections.path("details").properties()) {
      JsonNode details = view.getValue();
      Map<String, Long> byPartition = new TreeMap<>();
      details
          .path("lagEventsByPartition")
          .properties()
          .forEach(partition -> byPartition.put(partition.getKey(), partition.getValue().asLong()));
      views.add(
          new ViewState(
              view.getKey(),
              details.path("version").asInt(),
              details.path("running").asBoolean(),
              details.path("lagEvents").asLong(),
              details.path("lagSeconds").asLong(),
              details.path("refused").asText(null),
              byPartition));
    }
    model.addAttribute("status", projections.path("status").asText("UNKNOWN"));
    model.addAttribute("views", views);
    return "views";
  }
}
