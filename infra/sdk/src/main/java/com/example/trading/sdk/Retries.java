package com.example.trading.sdk;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the client repeats a call the API could not take now. Every call of the SDK is safe to repeat
 * (a placement carries its client order id, a deposit its {@code Idempotency-Key}, the rest are
 * reads or a cancel), so:
 *
 * <ul>
 *   <li>{@code 429} and {@code 503} are retried after the {@code Retry-After} the API sent (seconds
 *       or an HTTP date; 1 s when absent);
 *   <li>no answer at all (connection refused or reset) is retried with a growing pause;
 *   <li>{@code 401} is retried once with a fresh token;
 * </ul>
 *
 * until the waits would exceed the budget; then the last refusal is thrown. Everything else is
 * thrown at once as a {@link TradingApiException}.
 */
final class Retries {

  /** What a generated client's exception carries, whichever API it came from. */
  record Refusal(int status, HttpHeaders headers, String body, RuntimeException cause) {}

  private static final Duration NO_HINT = Duration.ofSeconds(1);
  private static final Duration FIRST_RECONNECT = Duration.ofMillis(200);
  private static final Duration LONGEST_RECONNECT = Duration.ofSeconds(5);

  private final Duration budget;
  private final Clock clock;
  private final Sleeper sleeper;

  /** Pauses the calling thread (a seam for tests). */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  Retries(Duration budget) {
    this(budget, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
  }

  Retries(Duration budget, Clock clock, Sleeper sleeper) {
    this.budget = budget;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Runs {@code attempt} until it succeeds, the API refuses for good, or the budget is spent.
   *
   * @param operation what the call does, for the exception's message
   * @param refusalOf the refusal a thrown exception stands for; empty when it is not the API's
   * @param onUnauthorized called before the one retry of a {@code 401}
   */
  <T> T run(
      String operation,
      Supplier<T> attempt,
      Function<RuntimeException, Optional<Refusal>> refusalOf,
      Runnable onUnauthorized) {
    Duration waited = Duration.ZERO;
    Duration reconnect = FIRST_RECONNECT;
    boolean reauthorized = false;
    while (true) {
      Refusal refusal;
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        refusal = refusalOf.apply(e).orElseThrow(() -> e);
      }
      Duration pause;
      if (refusal.status() == 401 && !reauthorized) {
        reauthorized = true;
        onUnauthorized.run();
        continue;
      } else if (refusal.status() == 429 || refusal.status() == 503) {
        pause = retryAfter(refusal.headers()).orElse(NO_HINT);
      } else if (refusal.status() == 0) {
        pause = reconnect;
        reconnect =
            reconnect.multipliedBy(2).compareTo(LONGEST_RECONNECT) > 0
                ? LONGEST_RECONNECT
                : reconnect.multipliedBy(2);
      } else {
        throw TradingApiException.answered(
            operation, refusal.status(), refusal.body(), refusal.cause());
      }
      if (waited.plus(pause).compareTo(budget) > 0) {
        throw TradingApiException.answered(
            operation, refusal.status(), refusal.body(), refusal.cause());
      }
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw TradingApiException.answered(
            operation, refusal.status(), refusal.body(), refusal.cause());
      }
      waited = waited.plus(pause);
    }
  }

  /**
   * The pause a {@code Retry-After} header asks for: delay-seconds or an HTTP date (RFC 9110
   * 10.2.3).
   */
  Optional<Duration> retryAfter(HttpHeaders headers) {
    if (headers == null) {
      return Optional.empty();
    }
    return headers
        .firstValue("Retry-After")
        .map(String::trim)
        .flatMap(
            value -> {
              if (value.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
              }
              try {
                Instant at =
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(clock.instant(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
              } catch (DateTimeParseException e) {
                return Optional.empty();
              }
            });
  }
}
