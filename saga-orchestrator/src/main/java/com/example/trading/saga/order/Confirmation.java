package com.example.trading.saga.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the saga waits to see after a command it sent: the event that confirms the command's effect.
 * One of a fixed set, and a fill's three for each fill id, so a misspelt confirmation does not
 * compile (a misspelt string key left a saga waiting forever).
 *
 * <p>In the saga's stored state it is a map key in the text form it has always had ({@code
 * reserve}, {@code fill:f-1}), so sagas stored before it load unchanged.
 *
 * @param kind which command's effect
 * @param id what it belongs to, for the kinds there is one of per fill (the fill id) or per replace
 *     (the adjustment or replace id); otherwise null
 */
record Confirmation(Kind kind, String id) {

  /** The kinds of effect the saga waits for, with the text of their stored form. */
  enum Kind {
    RESERVE("reserve", false),
    CHARGE_FEE("charge-fee", false),
    FILL("fill", true),
    DEBIT("debit", true),
    CREDIT("credit", true),
    RELEASE("release", false),
    REFUND_FEE("refund-fee", false),
    SETTLE_FEE("settle-fee", false),
    FINISH("finish", false),
    ADJUST_RESERVATION("adjust-reservation", true),
    ADJUST_FEE("adjust-fee", true),
    REPLACE_ANSWER("replace", true);

    private final String text;
    private final boolean named;

    Kind(String text, boolean named) {
      this.text = text;
      this.named = named;
    }
  }

  static final Confirmation RESERVE = new Confirmation(Kind.RESERVE, null);
  static final Confirmation CHARGE_FEE = new Confirmation(Kind.CHARGE_FEE, null);
  static final Confirmation RELEASE = new Confirmation(Kind.RELEASE, null);
  static final Confirmation REFUND_FEE = new Confirmation(Kind.REFUND_FEE, null);
  static final Confirmation SETTLE_FEE = new Confirmation(Kind.SETTLE_FEE, null);
  static final Confirmation FINISH = new Confirmation(Kind.FINISH, null);

  Confirmation {
    Objects.requireNonNull(kind, "kind");
    if (kind.named != (id != null)) {
      throw new IllegalArgumentException(
          kind.named
              ? "a " + kind.text + " confirmation names what it belongs to"
              : "a " + kind.text + " confirmation names nothing");
    }
  }

  /** The order's fill recorded on the order. */
  static Confirmation fill(String fillId) {
    return new Confirmation(Kind.FILL, fillId);
  }

  /** The fill's settlement out of the reservation. */
  static Confirmation debit(String fillId) {
    return new Confirmation(Kind.DEBIT, fillId);
  }

  /** The fill's proceeds credited. */
  static Confirmation credit(String fillId) {
    return new Confirmation(Kind.CREDIT, fillId);
  }

  /** A replace's change of the reservation ({@code adjustmentId}) applied by the holding. */
  static Confirmation reservationAdjusted(String adjustmentId) {
    return new Confirmation(Kind.ADJUST_RESERVATION, adjustmentId);
  }

  /** A replace's change of the fee hold ({@code adjustmentId}) applied by the fee. */
  static Confirmation feeHoldAdjusted(String adjustmentId) {
    return new Confirmation(Kind.ADJUST_FEE, adjustmentId);
  }

  /** The order recorded the saga's answer to replace {@code replaceId} (replaced or refused). */
  static Confirmation replaceAnswered(String replaceId) {
    return new Confirmation(Kind.REPLACE_ANSWER, replaceId);
  }

  /** Reads the stored form: {@code reserve}, {@code fill:f-1}. */
  @JsonCreator
  static Confirmation valueOf(String text) {
    int colon = text.indexOf(':');
    String kindText = colon < 0 ? text : text.substring(0, colon);
    Kind kind =
        Arrays.stream(Kind.values())
            .filter(candidate -> candidate.text.equals(kindText))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("not a saga confirmation: \"" + text + "\""));
    return new Confirmation(kind, colon < 0 ? null : text.substring(colon + 1));
  }

  /** The stored form, also what the saga's status shows it waits for. */
  @JsonValue
  @Override
  public String toString() {
    return id == null ? kind.text : kind.text + ":" + id;
  }
}
