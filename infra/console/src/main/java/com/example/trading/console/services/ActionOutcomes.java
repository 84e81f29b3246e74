package com.example.trading.console.services;

import com.example.trading.console.services.TradingApis.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What an operator's action tells the page the console returns to (flash attributes {@value #DONE}
 * and {@value #REFUSED}, shown by the {@code outcome} fragment), and the reason every action needs
 * before the console asks a service.
 */
public final class ActionOutcomes {

  public static final String DONE = "outcome";
  public static final String REFUSED = "refused";
  public static final int REASON_LIMIT = 500;

  private ActionOutcomes() {}

  /**
   * The reason, stripped, when one of at most {@value #REASON_LIMIT} characters was given;
   * otherwise empty, and the page says {@code nothingDone} and why.
   */
  public static Optional<String> reason(
      String given, String nothingDone, RedirectAttributes redirect) {
    String why = given.strip();
    if (why.isEmpty() || why.length() > REASON_LIMIT) {
      refused(
          redirect,
          nothingDone
              + ": give a reason of at most "
              + REASON_LIMIT
              + " characters (it is recorded with your name).");
      return Optional.empty();
    }
    return Optional.of(why);
  }

  /**
   * A service's answer to an action: {@code done} of its body when it succeeded, else {@code
   * refusedAs} and the service's problem detail.
   */
  public static void report(
      Answer answer,
      RedirectAttributes redirect,
      Function<JsonNode, String> done,
      String refusedAs) {
    if (answer.succeeded()) {
      redirect.addFlashAttribute(DONE, done.apply(answer.body()));
    } else {
      refused(redirect, refusedAs + ": " + answer.problem());
    }
  }

  public static void refused(RedirectAttributes redirect, String why) {
    redirect.addFlashAttribute(REFUSED, why);
  }
}
