package com.example.trading.console.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One order's journey on one time line: the order's and its fee's events (from the CustomerOrders
 * view), the saga's steps (from the orchestrator: started, last progress, the armed deadline,
 * finished), the venue requests with their answers (from the market gateway) and what operators did
 * to the saga (from the orchestrator: who, why, what it touched), oldest first. Each source may be
 * missing (a view behind, a saga already cleaned up); what is there is shown.
 */
public record Journey(List<Entry> entries) {

  /** Where an entry comes from. */
  public enum Source {
    ORDER,
    FEE,
    SAGA,
    VENUE,
    OPERATOR
  }

  /** One moment of the journey; {@code future} for what is due but has not happened. */
  public record Entry(Instant at, Source source, String what, String detail, boolean future) {}

  static Journey of(
      JsonNode order,
      JsonNode saga,
      JsonNode venueRequests,
      JsonNode operatorActions,
      Instant now) {
    List<Entry> entries = new ArrayList<>();
    if (order != null) {
      for (JsonNode step : order.path("timeline")) {
        String event = step.path("event").asText();
        entries.add(
            new Entry(
                instant(step.path("at")),
                event.startsWith("Fee") ? Source.FEE : Source.ORDER,
                event,
                text(step.path("detail")),
                false));
      }
    }
    if (saga != null) {
      entries.add(
          new Entry(instant(saga.path("startedAt")), Source.SAGA, "saga started", null, false));
      Instant progressed = instant(saga.path("progressedAt"));
      if (progressed != null) {
        String waiting = text(saga.path("waitingFor"));
        int retries = saga.path("retries").asInt();
        entries.add(
            new Entry(
                progressed,
                Source.SAGA,
                "step " + saga.path("step").asText(),
                waiting == null
                    ? null
                    : "waiting for " + waiting + (retries > 0 ? " (retry " + retries + ")" : ""),
                false));
      }
      Instant deadline = instant(saga.path("deadlineAt"));
      if (deadline != null) {
        entries.add(
            new Entry(
                deadline,
                Source.SAGA,
                "deadline of step " + saga.path("step").asText(),
                "the step is retried or compensated if nothing answers by then",
                deadline.isAfter(now)));
      }
      Instant finished = instant(saga.path("finishedAt"));
      if (finished != null) {
        entries.add(
            new Entry(finished, Source.SAGA, "saga finished", text(saga.path("ending")), false));
      }
    }
    if (venueRequests != null) {
      for (JsonNode request : venueRequests) {
        String kind = request.path("kind").asText();
        int attempts = request.path("attempts").asInt();
        entries.add(
            new Entry(
                instant(request.path("requestedAt")),
                Source.VENUE,
                kind + " requested",
                attempts > 1 ? "sent " + attempts + " times" : null,
                false));
        Instant done = instant(request.path("doneAt"));
        if (done != null) {
          entries.add(
              new Entry(
                  done, Source.VENUE, kind + " answered", text(request.path("outcome")), false));
        } else {
          Instant next = instant(request.path("nextAttemptAt"));
          String error = text(request.path("lastError"));
          entries.add(
              new Entry(
                  next,
                  Source.VENUE,
                  kind + " due",
                  error == null ? "not answered yet" : "last attempt failed: " + error,
                  next != null && next.isAfter(now)));
        }
      }
    }
    if (operatorActions != null) {
      for (JsonNode action : operatorActions) {
        entries.add(
            new Entry(
                instant(action.path("actedAt")),
                Source.OPERATOR,
                action.path("action").asText().toLowerCase(java.util.Locale.ROOT)
                    + " by "
                    + action.path("operator").asText()
                    + " in step "
                    + action.path("step").asText(),
                action.path("detail").asText() + "; reason: " + action.path("reason").asText(),
                false));
      }
    }
    entries.removeIf(entry -> entry.at() == null);
    entries.sort(Comparator.comparing(Entry::at));
    return new Journey(List.copyOf(entries));
  }

  private static Instant instant(JsonNode value) {
    return value.isTextual() ? Instant.parse(value.asText()) : null;
  }

  private static String text(JsonNode value) {
    return value.isNull() || value.isMissingNode() ? null : value.asText();
  }
}
