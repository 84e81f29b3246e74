package com.example.trading.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.example.trading.projections.ProjectionsIntegrationTest;
import com.example.trading.projections.activities.AccountActivitiesView;
import com.example.trading.projections.activities.LedgerDocument;
import com.example.trading.projections.orders.CustomerOrderDocument;
import com.example.trading.projections.orders.CustomerOrdersView;
import com.example.trading.projections.pipeline.Checkpoint;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.store.PoisonEventException;
import com.example.trading.projections.store.ViewStore;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rebuild's in-memory first pass against the real Elasticsearch. */
class BulkLoadIT extends ProjectionsIntegrationTest {

  @Autowired ViewStore store;
  @Autowired CustomerOrdersView orders;
  @Autowired AccountActivitiesView activities;
  @Autowired ElasticsearchClient client;

  /** More documents than any test writes: sizes the load's filter of forgotten ids. */
  private static final long EXPECTED = 100;

  private final ObjectMapper json = new ObjectMapper();
  private long offset;

  private ProjectedEvent event(TradingEvent event, String topic, long sequence) {
    long at = offset++;
    return new ProjectedEvent(
        event,
        new MessageMetadata(
            "m-" + UUID.randomUUID(),
            event.aggregateId(),
            null,
            Instant.parse("2026-12-01T10:00:00Z").plusMillis(at),
            "T",
            1,
            null),
        topic,
        0,
        at,
        1_000 + at,
        sequence);
  }

  /** Three orders, their order and fee events interleaved as two topics deliver them. */
  private List<ProjectedEvent> history() {
    List<ProjectedEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String order = "bulk-" + UUID.randomUUID();
      events.add(
          event(
              new OrderPlaced(
                  order,
                  "acc-bulk",
                  "c-" + i,
                  Side.BUY,
                  "MSFT",
                  10,
                  OrderType.MARKET,
                  null,
                  null,
                  TimeInForce.DAY,
                  null),
              Topics.ORDER_EVENTS,
              0));
      events.add(
          event(
              new FeeCharged(order, "acc-bulk", new BigDecimal("1.00"), "standard-v1"),
              Topics.FEE_EVENTS,
              0));
      events.add(
          event(
              new OrderAccepted(order, "USD", new BigDecimal("4200.00"), new BigDecimal("1.00")),
              Topics.ORDER_EVENTS,
              1));
      events.add(event(new OrderSubmitted(order, "v-" + i), Topics.ORDER_EVENTS, 2));
      events.add(
          event(
              new OrderFilled(order, "f-" + i, 4, new BigDecimal("420.10"), 4),
              Topics.ORDER_EVENTS,
              3));
      events.add(
          event(
              new OrderFilled(order, "g-" + i, 6, new BigDecimal("420.20"), 10),
              Topics.ORDER_EVENTS,
              4));
      events.add(event(new OrderCompleted(order, 10), Topics.ORDER_EVENTS, 5));
    }
    return events;
  }

  /**
   * An event the view cannot apply to the first order of {@code events}: a fill of nothing, whose
   * average price divides by zero after the view changed the notional.
   */
  private ProjectedEvent poisonAfter(List<ProjectedEvent> events) {
    String order = ((OrderPlaced) events.get(0).event()).orderId();
    return event(
        new OrderFilled(order, "zero", 1, new BigDecimal("1.00"), 0), Topics.ORDER_EVENTS, 6);
  }

  /** Every document of the events as the live projection's optimistic path writes them. */
  private Map<String, CustomerOrderDocument> asTheLivePathWrites(List<ProjectedEvent> events) {
    String index = store.createIndex(orders, false);
    store.applyBatch(orders, index, events, ViewStore.Visibility.NOT_AWAITED);
    return store.read(
        orders, index, events.stream().map(e -> orders.documentId(e.event())).toList());
  }

  private Map<String, CustomerOrderDocument> read(String index, List<ProjectedEvent> events) {
    return store.read(
        orders, index, events.stream().map(e -> orders.documentId(e.event())).toList());
  }

  private void assertSame(
      Map<String, CustomerOrderDocument> actual, Map<String, CustomerOrderDocument> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (id, document) ->
            assertThat((Object) json.valueToTree(actual.get(id)))
                .as(id)
                .isEqualTo(json.valueToTree(document)));
  }

  @Test
  void
      foldingOneEventPerBatchWithRoomForOneDocumentReadsBackWhatItFlushedAndWritesWhatTheLivePathWrites() {
    List<ProjectedEvent> events = history();
    String index = store.createIndex(orders, true);
    BulkLoad<CustomerOrderDocument> load = new BulkLoad<>(orders, store, index, 1, EXPECTED);

    for (ProjectedEvent event : events) {
      assertThat(load.apply(new ArrayList<>(List.of(event))))
          .as("flushed after every event")
          .isTrue();
    }
    load.finish();

    assertSame(read(index, events), asTheLivePathWrites(events));
    assertThat(store.checkpoint(index, Topics.ORDER_EVENTS, 0))
        .map(Checkpoint::checkpointOffset)
        .hasValue(events.get(events.size() - 1).offset());
  }

  @Test
  void documentsForgottenAfterAFlushAreReadBackFromTheIndex() {
    // The three orders' events one after another in turn: with room for two documents, each
    // order's document has been forgotten by the time its next event comes.
    List<ProjectedEvent> history = history();
    int orderCount = 3;
    int perOrder = history.size() / orderCount;
    List<ProjectedEvent> events = new ArrayList<>();
    for (int step = 0; step < perOrder; step++) {
      for (int order = 0; order < orderCount; order++) {
        events.add(history.get(order * perOrder + step));
      }
    }
    String index = store.createIndex(orders, true);
    BulkLoad<CustomerOrderDocument> load = new BulkLoad<>(orders, store, index, 2, EXPECTED);

    for (ProjectedEvent event : events) {
      load.apply(new ArrayList<>(List.of(event)));
    }
    load.finish();

    assertSame(read(index, events), asTheLivePathWrites(history));
  }

  /**
   * Folds each event {@code times} times in turn, a flush after each, with room for every document;
   * returns the store the load read through, to ask what it read.
   */
  private ViewStore foldFlushingAfterEach(List<ProjectedEvent> events, String index, int times) {
    ViewStore reads = spy(store);
    BulkLoad<CustomerOrderDocument> load = new BulkLoad<>(orders, reads, index, 100, EXPECTED);
    for (ProjectedEvent event : events) {
      for (int time = 0; time < times; time++) {
        load.apply(new ArrayList<>(List.of(event)));
        load.flush();
      }
    }
    load.finish();
    return reads;
  }

  @Test
  void aDocumentFirstSeenAfterAFlushIsNotReadFromTheIndex() {
    // The three orders one after another: each order's first event comes after a flush, and its
    // document was never written.
    List<ProjectedEvent> events = history();
    String index = store.createIndex(orders, true);

    ViewStore reads = foldFlushingAfterEach(events, index, 1);

    verify(reads, never()).read(any(), any(), any());
    assertSame(read(index, events), asTheLivePathWrites(events));
  }

  @Test
  void aDocumentADuplicateLeftUnchangedIsReadBackWhenNextNeeded() {
    // Every event twice: the duplicate changes nothing, so the view hands the document back
    // unchanged and the load drops it from memory; the next event reads it back.
    List<ProjectedEvent> events = history();
    String index = store.createIndex(orders, true);

    ViewStore reads = foldFlushingAfterEach(events, index, 2);

    verify(reads, atLeastOnce()).read(any(), any(), any());
    assertSame(read(index, events), asTheLivePathWrites(events));
  }

  @Test
  void holdsDocumentsInMemoryUntilItsBufferIsFull() {
    List<ProjectedEvent> events = history();
    String index = store.createIndex(orders, true);
    BulkLoad<CustomerOrderDocument> load = new BulkLoad<>(orders, store, index, 100, EXPECTED);

    assertThat(load.apply(new ArrayList<>(events))).isFalse();
    assertThat(read(index, events)).as("nothing written before the flush").isEmpty();
    assertThat(store.checkpoint(index, Topics.ORDER_EVENTS, 0)).isEmpty();

    load.finish();
    assertSame(read(index, events), asTheLivePathWrites(events));
  }

  @Test
  void anEventTheViewCannotApplyStopsTheLoadAndDiscardingKeepsOnlyWhatWasFlushed() {
    List<ProjectedEvent> events = history();
    String index = store.createIndex(orders, true);
    BulkLoad<CustomerOrderDocument> load = new BulkLoad<>(orders, store, index, 100, EXPECTED);
    ProjectedEvent poison = poisonAfter(events);

    List<ProjectedEvent> batch = new ArrayList<>(events);
    batch.add(poison);
    assertThatThrownBy(() -> load.apply(batch))
        .isInstanceOf(PoisonEventException.class)
        .satisfies(e -> assertThat(((PoisonEventException) e).event()).isSameAs(poison));
    load.discard();

    load.apply(new ArrayList<>(events));
    load.finish();
    assertSame(read(index, events), asTheLivePathWrites(events));
  }

  @Test
  void anEventTheViewCannotApplyAfterAFlushKeepsWhatThatFlushWrote() {
    List<ProjectedEvent> events = history();
    String index = store.createIndex(orders, true);
    BulkLoad<CustomerOrderDocument> load = new BulkLoad<>(orders, store, index, 1, EXPECTED);
    ProjectedEvent poison = poisonAfter(events);

    assertThat(load.apply(new ArrayList<>(events))).as("flushed").isTrue();
    assertThatThrownBy(() -> load.apply(new ArrayList<>(List.of(poison))))
        .isInstanceOf(PoisonEventException.class);
    load.discard();

    assertSame(read(index, events), asTheLivePathWrites(events));
    assertThat(store.checkpoint(index, Topics.ORDER_EVENTS, 0))
        .map(Checkpoint::checkpointOffset)
        .hasValue(events.get(events.size() - 1).offset());
  }

  /**
   * Ledger entries of three cash holdings and of fees: a deposit each, then reservations and their
   * releases (one entry per event, more than one bulk of them), and 100 orders' fees charged and
   * settled below the hold (a settlement and a refund each).
   */
  private List<ProjectedEvent> ledgerHistory() {
    List<ProjectedEvent> events = new ArrayList<>();
    String account = "acc-" + UUID.randomUUID();
    for (int h = 0; h < 3; h++) {
      String holding = account + "/USD-" + h;
      long sequence = 0;
      events.add(
          event(
              new HoldingDeposited(holding, account, "USD", new BigDecimal("5000"), "dep-" + h),
              Topics.HOLDING_EVENTS,
              sequence++));
      for (int i = 0; i < 1_000; i++) {
        String order = "o-" + h + "-" + i;
        events.add(
            event(
                new HoldingReserved(holding, account, "USD", order, new BigDecimal("1.25")),
                Topics.HOLDING_EVENTS,
                sequence++));
        events.add(
            event(
                new HoldingReservationReleased(
                    holding, account, "USD", order, new BigDecimal("1.25")),
                Topics.HOLDING_EVENTS,
                sequence++));
      }
    }
    for (int i = 0; i < 100; i++) {
      String order = "fee-" + UUID.randomUUID();
      events.add(
          event(
              new FeeCharged(order, account, new BigDecimal("1.00"), "standard-v1"),
              Topics.FEE_EVENTS,
              0));
      events.add(
          event(
              new FeeSettled(
                  order,
                  account,
                  new BigDecimal("0.75"),
                  new BigDecimal("0.25"),
                  new BigDecimal("750.00")),
              Topics.FEE_EVENTS,
              1));
    }
    return events;
  }

  @Test
  void ledgerEntriesAreWrittenBeforeTheirFlushAndTheLoadWritesWhatTheLivePathWrites()
      throws IOException {
    List<ProjectedEvent> events = ledgerHistory();
    String index = store.createIndex(activities, true);
    BulkLoad<LedgerDocument> load =
        new BulkLoad<>(activities, store, index, 1_000_000, events.size());

    assertThat(load.apply(new ArrayList<>(events))).as("not flushed").isFalse();
    await()
        .atMost(Duration.ofSeconds(30))
        .alias("a bulk's worth of entries written before any flush")
        .untilAsserted(
            () -> assertThat(documents(client, index)).hasSizeGreaterThanOrEqualTo(5_000));
    load.finish();

    String live = store.createIndex(activities, false);
    store.applyBatch(activities, live, events, ViewStore.Visibility.NOT_AWAITED);
    Map<String, ObjectNode> expected = documents(client, live);
    assertThat(expected)
        .as("three streams and their entries, and the fees' entries")
        .hasSize(3 + 3 * 2_001 + 100 * 3);
    assertThat(documents(client, index)).isEqualTo(expected);
  }
}
