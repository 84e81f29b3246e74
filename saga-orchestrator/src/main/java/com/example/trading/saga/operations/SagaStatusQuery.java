package com.example.trading.saga.operations;

import com.example.trading.saga.order.SagaStep;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads {@code saga_status} for operators: sagas without progress past a threshold, and counts by
 * step.
 */
@Component
class SagaStatusQuery {

  /**
   * One saga as an operator sees it: its step, the end it decided (null until decided), how often
   * the step was retried and what it waits for (null when not retrying), and when it started, last
   * changed, last moved to a step and finished (null while it runs); when the step's deadline
   * passes if nothing answers first (null when none is armed).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record SagaStatus(
      String orderId,
      String correlationId,
      SagaStep step,
      @Nullable String ending,
      int retries,
      @Nullable String waitingFor,
      Instant startedAt,
      Instant updatedAt,
      @Nullable Instant progressedAt,
      @Nullable Instant finishedAt,
      @Nullable Instant deadlineAt) {}

  /**
   * One request of the order to the venue, as the market gateway keeps it: its kind ({@code QUOTE},
   * {@code SUBMIT}, {@code REPLACE}, {@code CANCEL}), when it was queued, how often it was sent,
   * when it is due again and the last failure while it is open, and when and how it ended.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record VenueRequest(
      String kind,
      Instant requestedAt,
      int attempts,
      @Nullable Instant nextAttemptAt,
      @Nullable String lastError,
      @Nullable Instant doneAt,
      @Nullable String outcome) {}

  /**
   * Unfinished sagas of one step: how many, and how long the least recently progressed one has
   * waited.
   */
  record StepCount(String step, long count, double oldestAgeSeconds) {}

  private static final RowMapper<SagaStatus> ROW =
      (rs, n) ->
          new SagaStatus(
              rs.getString("order_id"),
              rs.getString("correlation_id"),
              SagaStep.valueOf(rs.getString("step")),
              rs.getString("ending"),
              rs.getInt("retries"),
              rs.getString("waiting_for"),
              instant(rs.getTimestamp("started_at")),
              instant(rs.getTimestamp("updated_at")),
              instant(rs.getTimestamp("progressed_at")),
              instant(rs.getTimestamp("finished_at")),
              instant(rs.getTimestamp("deadline_at")));

  private final JdbcTemplate jdbc;

  SagaStatusQuery(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Unfinished sagas that have made no progress for longer than {@code age}, least recent first;
   * not those resting at the venue ({@code ON_MARKET}: a LIMIT order waits there by design, until
   * it fills, is cancelled or its time in force ends).
   */
  List<SagaStatus> stuckFor(Duration age, int limit) {
    return jdbc.query(
        """
        select * from saga_status
        where finished_at is null and step <> 'ON_MARKET' and progressed_at < now() - ? * interval '1 millisecond'
        order by progressed_at limit ?""",
        ROW,
        age.toMillis(),
        limit);
  }

  Optional<SagaStatus> of(String orderId) {
    return jdbc.query("select * from saga_status where order_id = ?", ROW, orderId).stream()
        .findFirst();
  }

  /**
   * The order's requests to the venue, oldest first; finished ones are kept for {@code
   * trading.market.retention}.
   */
  List<VenueRequest> venueRequestsOf(String orderId) {
    return jdbc.query(
        """
        select kind, created_at, attempts, next_attempt_at, last_error, done_at, outcome
        from market_request where order_id = ? order by id""",
        (rs, n) ->
            new VenueRequest(
                rs.getString("kind"),
                instant(rs.getTimestamp("created_at")),
                rs.getInt("attempts"),
                rs.getTimestamp("done_at") == null
                    ? instant(rs.getTimestamp("next_attempt_at"))
                    : null,
                rs.getString("last_error"),
                instant(rs.getTimestamp("done_at")),
                rs.getString("outcome")),
        orderId);
  }

  List<StepCount> unfinishedByStep() {
    return jdbc.query(
        """
        select step, count(*) as n, extract(epoch from now() - min(progressed_at)) as oldest
        from saga_status where finished_at is null group by step""",
        (rs, n) -> new StepCount(rs.getString("step"), rs.getLong("n"), rs.getDouble("oldest")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
