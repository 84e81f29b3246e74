package com.example.trading.saga.operations;

import com.example.trading.saga.order.SagaStep;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator may do to a saga that does not progress, each recorded in {@code
 * saga_operator_action} with the operator, the reason and what it touched, in the transaction that
 * acts.
 *
 * <p><b>Re-send what the saga waits for.</b> A venue request still open (a quote, submission,
 * replace or cancel the market gateway is retrying) is made due now. Otherwise, in a step that
 * waits for commands' effects (reserving, charging the fee, settling, releasing, finishing, or a
 * cancel at the venue), the step's deadline is made due now: {@code StepDeadlines} delivers it as
 * any other, and the saga sends its pending commands again (aggregates apply a repeat once) exactly
 * as a passed deadline does. Nothing is sent from here: the saga and the gateway do the sending, on
 * whichever instance owns them. A saga resting at the venue, waiting for a price or a venue answer
 * with no request open, or finished, has nothing to re-send; the answer says what to do instead.
 */
@Component
class SagaActions {

  /** Steps whose passed deadline sends the saga's pending commands again. */
  private static final Set<SagaStep> ASKING_AGAIN_ON_DEADLINE =
      EnumSet.of(
          SagaStep.RESERVING,
          SagaStep.CHARGING_FEE,
          SagaStep.CANCELLING_AT_MARKET,
          SagaStep.SETTLING,
          SagaStep.RELEASING,
          SagaStep.FINISHING);

  static final String RESEND = "RESEND";

  /** One recorded action. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record SagaAction(
      String action,
      SagaStep step,
      String operator,
      String reason,
      String detail,
      Instant actedAt) {}

  /** The outcome of a request to act. */
  sealed interface Outcome {
    /** Done and recorded. */
    record Done(SagaAction action) implements Outcome {}

    /** No saga for the order. */
    record Unknown() implements Outcome {}

    /** Refused, with why and what to do instead; nothing was done or recorded. */
    record Refused(String why) implements Outcome {}
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  SagaActions(JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /**
   * Re-sends what the saga of {@code orderId} waits for, as {@code operator}, for {@code reason}.
   */
  Outcome resend(String orderId, String operator, String reason) {
    return transaction.execute(status -> resendInTransaction(orderId, operator, reason));
  }

  private Outcome resendInTransaction(String orderId, String operator, String reason) {
    record Row(SagaStep step, int retries, boolean finished) {}
    Optional<Row> saga =
        jdbc
            .query(
                "select step, retries, finished_at is not null as finished from saga_status"
                    + " where order_id = ? for update",
                (rs, n) ->
                    new Row(
                        SagaStep.valueOf(rs.getString("step")),
                        rs.getInt("retries"),
                        rs.getBoolean("finished")),
                orderId)
            .stream()
            .findFirst();
    if (saga.isEmpty()) {
      return new Outcome.Unknown();
    }
    SagaStep step = saga.get().step();
    if (saga.get().finished()) {
      return new Outcome.Refused("the saga has finished: nothing is pending");
    }
    List<String> venueRequests =
        jdbc.queryForList(
            """
            update market_request set next_attempt_at = now()
            where order_id = ? and done_at is null
            returning kind""",
            String.class,
            orderId);
    String detail;
    if (!venueRequests.isEmpty()) {
      detail = "venue request " + String.join(", ", venueRequests) + " made due now";
    } else if (ASKING_AGAIN_ON_DEADLINE.contains(step)) {
      jdbc.update("update saga_status set deadline_at = now() where order_id = ?", orderId);
      detail =
          "the step's deadline made due now (retry "
              + saga.get().retries()
              + "): the saga sends its pending commands again";
    } else {
      return new Outcome.Refused(
          switch (step) {
            case ON_MARKET ->
                "the order works at the venue and the saga waits for its fills: nothing is pending"
                    + " (cancel the order to end it)";
            default ->
                "in step "
                    + step
                    + " the saga waits for the venue's answer to a request already answered or not"
                    + " yet asked: nothing to re-send (cancel the order to end it)";
          });
    }
    SagaAction action = new SagaAction(RESEND, step, operator, reason, detail, Instant.now());
    jdbc.update(
        """
        insert into saga_operator_action (order_id, action, step, operator, reason, detail)
        values (?, ?, ?, ?, ?, ?)""",
        orderId,
        action.action(),
        step.name(),
        operator,
        reason,
        detail);
    return new Outcome.Done(action);
  }

  /** What operators did to the saga of {@code orderId}, oldest first. */
  List<SagaAction> of(String orderId) {
    return jdbc.query(
        """
        select action, step, operator, reason, detail, acted_at from saga_operator_action
        where order_id = ? order by id""",
        (rs, n) ->
            new SagaAction(
                rs.getString("action"),
                SagaStep.valueOf(rs.getString("step")),
                rs.getString("operator"),
                rs.getString("reason"),
                rs.getString("detail"),
                rs.getTimestamp("acted_at").toInstant()),
        orderId);
  }
}
