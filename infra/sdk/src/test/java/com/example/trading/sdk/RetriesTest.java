package com.example.trading.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  /** What a refused attempt throws in these tests: the status and headers the API answered. */
  private static final class Refused extends RuntimeException {
    final Retries.Refusal refusal;

    Refused(int status, Map<String, List<String>> headers, String body) {
      super("HTTP " + status);
      this.refusal =
          new Retries.Refusal(status, HttpHeaders.of(headers, (name, value) -> true), body, this);
    }
  }

  private final List<Duration> slept = new ArrayList<>();
  private final Retries retries =
      new Retries(Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC), slept::add);

  private <T> T run(Deque<Object> answers, Runnable onUnauthorized) {
    return retries.run(
        "test call",
        () -> {
          Object next = answers.removeFirst();
          if (next instanceof RuntimeException e) {
            throw e;
          }
          @SuppressWarnings("unchecked")
          T answer = (T) next;
          return answer;
        },
        e -> e instanceof Refused refused ? Optional.of(refused.refusal) : Optional.empty(),
        onUnauthorized);
  }

  @Test
  void waitsWhatRetryAfterSaysOn429And503ThenAnswers() {
    Deque<Object> answers =
        new ArrayDeque<>(
            List.of(
                new Refused(429, Map.of("Retry-After", List.of("2")), "{}"),
                new Refused(
                    503, Map.of("Retry-After", List.of("Wed, 02 Dec 2026 10:00:03 GMT")), "{}"),
                "done"));

    String answer = run(answers, () -> {});

    assertThat(answer).isEqualTo("done");
    assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Test
  void withoutRetryAfterWaitsOneSecond() {
    Deque<Object> answers = new ArrayDeque<>(List.of(new Refused(503, Map.of(), "{}"), "done"));

    assertThat((String) run(answers, () -> {})).isEqualTo("done");
    assertThat(slept).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void givesUpWithTheApisProblemWhenTheWaitsWouldExceedTheBudget() {
    Deque<Object> answers =
        new ArrayDeque<>(
            List.of(
                new Refused(429, Map.of("Retry-After", List.of("6")), "{}"),
                new Refused(
                    429,
                    Map.of("Retry-After", List.of("6")),
                    "{\"type\":\"urn:problem:rate-limited\",\"title\":\"Too Many Requests\",\"status\":429,"
                        + "\"detail\":\"slow down\"}")));

    assertThatThrownBy(() -> run(answers, () -> {}))
        .isInstanceOfSatisfying(
            TradingApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.detail()).contains("slow down");
              assertThat(e.getMessage())
                  .isEqualTo("test call: HTTP 429 Too Many Requests: slow down");
            });
    assertThat(slept).containsExactly(Duration.ofSeconds(6));
  }

  @Test
  void retriesAnUnauthorizedCallOnceAfterDroppingTheToken() {
    AtomicInteger dropped = new AtomicInteger();
    Deque<Object> answers = new ArrayDeque<>(List.of(new Refused(401, Map.of(), ""), "done"));
    assertThat((String) run(answers, dropped::incrementAndGet)).isEqualTo("done");

    Deque<Object> refusedTwice =
        new ArrayDeque<>(List.of(new Refused(401, Map.of(), ""), new Refused(401, Map.of(), "")));
    assertThatThrownBy(() -> run(refusedTwice, dropped::incrementAndGet))
        .isInstanceOfSatisfying(
            TradingApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(dropped).hasValue(2);
    assertThat(slept).isEmpty();
  }

  @Test
  void throwsOtherRefusalsAtOnceWithTheirFieldErrors() {
    Deque<Object> answers =
        new ArrayDeque<>(
            List.of(
                new Refused(
                    400,
                    Map.of(),
                    "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"invalid order\","
                        + "\"errors\":[{\"field\":\"quantity\",\"message\":\"must be greater than 0\"}]}")));

    assertThatThrownBy(() -> run(answers, () -> {}))
        .isInstanceOfSatisfying(
            TradingApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.fieldErrors())
                  .containsExactly(
                      new TradingApiException.FieldError("quantity", "must be greater than 0"));
            });
    assertThat(slept).isEmpty();
  }

  @Test
  void retriesALostConnectionWithAGrowingPause() {
    Deque<Object> answers =
        new ArrayDeque<>(
            List.of(
                new Refused(0, Map.of(), null),
                new Refused(0, Map.of(), null),
                new Refused(0, Map.of(), null),
                "done"));

    assertThat((String) run(answers, () -> {})).isEqualTo("done");
    assertThat(slept)
        .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
  }

  @Test
  void doesNotRetryWhatIsNotTheApisAnswer() {
    Deque<Object> answers = new ArrayDeque<>(List.of(new IllegalStateException("a bug"), "done"));

    assertThatThrownBy(() -> run(answers, () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a bug");
  }
}
