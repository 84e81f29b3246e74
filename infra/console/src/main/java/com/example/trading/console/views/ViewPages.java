package com.example.trading.console.views;

import com.example.trading.console.services.TradingApis;
import com.example.trading.console.services.TradingApis.Service;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The views: each view's version and index, its lag in total and per partition as its consumer
 * group stands (committed offsets against the partitions' ends, whichever projections instance
 * holds them), whether the projection runs or refuses to write (and why), from the projections'
 * {@code GET /ops/views}; and its latest rebuilds, with a form to start one ({@link
 * ViewRebuildPages}).
 */
@Controller
class ViewPages {

  /** One view as the page shows it: the projections' answer, and its latest rebuilds. */
  record ViewState(JsonNode view, List<JsonNode> partitions, List<JsonNode> rebuilds) {

    public String name() {
      return view.path("view").asText();
    }
  }

  private final TradingApis apis;

  ViewPages(TradingApis apis) {
    this.apis = apis;
  }

  @GetMapping("/views")
  String views(Model model) {
    List<ViewState> views = new ArrayList<>();
    for (JsonNode view : apis.get(Service.PROJECTIONS, "/ops/views").orElseThrow().path("views")) {
      List<JsonNode> partitions = new ArrayList<>();
      view.path("partitions").forEach(partitions::add);
      views.add(new ViewState(view, partitions, recentRebuilds(view.path("view").asText())));
    }
    model.addAttribute("views", views);
    return "views";
  }

  /** The view's latest rebuilds started over HTTP, newest first (the replay CLI's are not kept). */
  private List<JsonNode> recentRebuilds(String view) {
    List<JsonNode> rebuilds = new ArrayList<>();
    apis.get(Service.PROJECTIONS, "/ops/views/{view}/rebuilds", view)
        .ifPresent(answer -> answer.path("rebuilds").forEach(rebuilds::add));
    return rebuilds;
  }
}
