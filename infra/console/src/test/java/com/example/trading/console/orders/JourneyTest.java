package com.example.trading.console.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.example.trading.console.orders.Journey.Entry;
import com.example.trading.console.orders.Journey.Source;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JourneyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:10Z");

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void theViewTheSagaAndTheVenueAreOneTimeLineOldestFirst() throws Exception {
    JsonNode order =
        json(
            """
            {'timeline': [
              {'at': '2026-12-03T10:00:00.100Z', 'event': 'OrderPlaced', 'detail': 'SELL 1 AAPL'},
              {'at': '2026-12-03T10:00:00.400Z', 'event': 'FeeCharged', 'detail': '1.00'},
              {'at': '2026-12-03T10:00:01.000Z', 'event': 'OrderCompleted', 'detail': null}]}""");
    JsonNode saga =
        json(
            """
            {'step': 'FINISHING', 'ending': 'COMPLETED', 'retries': 0, 'waitingFor': null,
             'startedAt': '2026-12-03T10:00:00.200Z', 'progressedAt': '2026-12-03T10:00:00.900Z',
             'finishedAt': '2026-12-03T10:00:01.200Z', 'deadlineAt': null}""");
    JsonNode venue =
        json(
            """
            [{'kind': 'SUBMIT', 'requestedAt': '2026-12-03T10:00:00.500Z', 'attempts': 1,
              'nextAttemptAt': null, 'lastError': null, 'doneAt': '2026-12-03T10:00:00.600Z',
              'outcome': 'ACCEPTED'}]""");

    assertThat(Journey.of(order, saga, venue, null, NOW).entries())
        .extracting(Entry::source, Entry::what)
        .containsExactly(
            tuple(Source.ORDER, "OrderPlaced"),
            tuple(Source.SAGA, "saga started"),
            tuple(Source.FEE, "FeeCharged"),
            tuple(Source.VENUE, "SUBMIT requested"),
            tuple(Source.VENUE, "SUBMIT answered"),
            tuple(Source.SAGA, "step FINISHING"),
            tuple(Source.ORDER, "OrderCompleted"),
            tuple(Source.SAGA, "saga finished"));
  }

  @Test
  void whatIsDueIsMarkedAsFutureWithTheLastFailure() throws Exception {
    JsonNode saga =
        json(
            """
            {'step': 'SUBMITTING', 'ending': null, 'retries': 2,
             'waitingFor': 'the venue to accept', 'startedAt': '2026-12-03T10:00:00Z',
             'progressedAt': '2026-12-03T10:00:01Z', 'finishedAt': null,
             'deadlineAt': '2026-12-03T10:00:30Z'}""");
    JsonNode venue =
        json(
            """
            [{'kind': 'SUBMIT', 'requestedAt': '2026-12-03T10:00:01Z', 'attempts': 3,
              'nextAttemptAt': '2026-12-03T10:00:12Z', 'lastError': 'connection refused',
              'doneAt': null, 'outcome': null}]""");

    var entries = Journey.of(null, saga, venue, null, NOW).entries();

    assertThat(entries)
        .filteredOn(Entry::future)
        .extracting(Entry::what, Entry::detail)
        .containsExactly(
            tuple("SUBMIT due", "last attempt failed: connection refused"),
            tuple(
                "deadline of step SUBMITTING",
                "the step is retried or compensated if nothing answers by then"));
    assertThat(entries)
        .filteredOn(entry -> entry.what().equals("step SUBMITTING"))
        .extracting(Entry::detail)
        .containsExactly("waiting for the venue to accept (retry 2)");
    assertThat(entries)
        .filteredOn(entry -> entry.what().equals("SUBMIT requested"))
        .extracting(Entry::detail)
        .containsExactly("sent 3 times");
  }

  @Test
  void whatAnOperatorDidIsOnTheTimeLineWithWhoAndWhy() throws Exception {
    JsonNode saga =
        json(
            """
            {'step': 'CHARGING_FEE', 'ending': null, 'retries': 1, 'waitingFor': null,
             'startedAt': '2026-12-03T10:00:00Z', 'progressedAt': '2026-12-03T10:00:01Z',
             'finishedAt': null, 'deadlineAt': null}""");
    JsonNode actions =
        json(
            """
            [{'action': 'RESEND', 'step': 'CHARGING_FEE', 'operator': 'operator:alice',
              'reason': 'fee service restarted', 'actedAt': '2026-12-03T10:00:05Z',
              'detail': 'the step deadline made due now'}]""");

    assertThat(Journey.of(null, saga, null, actions, NOW).entries())
        .filteredOn(entry -> entry.source() == Source.OPERATOR)
        .extracting(Entry::what, Entry::detail)
        .containsExactly(
            tuple(
                "resend by operator:alice in step CHARGING_FEE",
                "the step deadline made due now; reason: fee service restarted"));
  }
}
