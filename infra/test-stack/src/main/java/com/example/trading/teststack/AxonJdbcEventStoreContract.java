package com.example.trading.teststack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every service with an Axon event store must prove against the real PostgreSQL: Axon runs
 * inside Spring transactions (not the silent {@code NoTransactionManager} that Boot 4's changed
 * auto-configuration names cause), events go to the Flyway-created JDBC event store as bytea, a
 * failed unit of work leaves nothing behind, and an event stored under a former class name still
 * reads. Implemented by a {@code @SpringBootTest}.
 */
public interface AxonJdbcEventStoreContract {

  /** A payload of the store's round trip; Jackson serializes it like any event. */
  record StoreProbe(String note, long amount) {}

  @Test
  default void axonUsesSpringTransactionsAndTheJdbcEventStore(
      @Autowired TransactionManager transactionManager,
      @Autowired EventStorageEngine storageEngine) {
    assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
  }

  @Test
  default void eventsRoundTripThroughTheFlywayMigratedStore(
      @Autowired TransactionManager transactionManager,
      @Autowired EventStore eventStore,
      @Autowired JdbcTemplate jdbc) {
    String aggregateId = "probe-" + UUID.randomUUID();
    transactionManager.executeInTransaction(
        () ->
            eventStore.publish(
                new GenericDomainEventMessage<>(
                    "Probe", aggregateId, 0, new StoreProbe("first", 42))));

    List<? extends DomainEventMessage<?>> events =
        eventStore.readEvents(aggregateId).asStream().toList();
    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getPayload()).isEqualTo(new StoreProbe("first", 42));
              assertThat(event.getSequenceNumber()).isZero();
            });
    assertThat(
            jdbc.queryForObject(
                "select pg_typeof(payload)::text from domain_event_entry where aggregate_identifier = ?",
                String.class,
                aggregateId))
        .isEqualTo("bytea");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from flyway_schema_history where success", Integer.class))
        .isPositive();
  }

  /**
   * An event stored before the contract's event families moved to its root package (when {@code
   * TradingEvent} was sealed) is read as the current class: the store's upcaster chain includes the
   * contract's.
   */
  @Test
  default void anEventStoredUnderItsFormerClassNameIsReadAsTheCurrentClass(
      @Autowired EventStore eventStore, @Autowired JdbcTemplate jdbc) {
    String orderId = "probe-" + UUID.randomUUID();
    jdbc.update(
        "insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
            + " type, time_stamp, payload_type, payload_revision, payload, meta_data)"
            + " values (?, ?, 0, 'Order', '2026-01-01T00:00:00Z', ?, '1', ?, ?)",
        UUID.randomUUID().toString(),
        orderId,
        "com.example.trading.schemas.order.OrderEvent$OrderCancellationRequested",
        ("{\"orderId\": \"" + orderId + "\"}").getBytes(),
        "{}".getBytes());

    assertThat(eventStore.readEvents(orderId).asStream().toList())
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getPayload().getClass().getName())
                    .isEqualTo(
                        "com.example.trading.schemas.OrderEvent$OrderCancellationRequested"));
  }

  @Test
  default void aFailedTransactionStoresNoEvent(
      @Autowired TransactionManager transactionManager,
      @Autowired EventStore eventStore,
      @Autowired JdbcTemplate jdbc) {
    String aggregateId = "probe-" + UUID.randomUUID();
    assertThatThrownBy(
            () ->
                transactionManager.executeInTransaction(
                    () -> {
                      eventStore.publish(
                          new GenericDomainEventMessage<>(
                              "Probe", aggregateId, 0, new StoreProbe("doomed", 1)));
                      throw new IllegalStateException("the business step after the append failed");
                    }))
        .hasMessageContaining("business step");

    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class,
                aggregateId))
        .isZero();
  }

  @Test
  default void aDuplicateSequenceNumberIsRefused(
      @Autowired TransactionManager transactionManager, @Autowired EventStore eventStore) {
    String aggregateId = "probe-" + UUID.randomUUID();
    transactionManager.executeInTransaction(
        () ->
            eventStore.publish(
                new GenericDomainEventMessage<>("Probe", aggregateId, 0, new StoreProbe("one", 1)),
                new GenericDomainEventMessage<>(
                    "Probe", aggregateId, 1, new StoreProbe("two", 2))));
    assertThatThrownBy(
            () ->
                transactionManager.executeInTransaction(
                    () ->
                        eventStore.publish(
                            new GenericDomainEventMessage<>(
                                "Probe", aggregateId, 1, new StoreProbe("same slot", 3)))))
        .isInstanceOf(org.axonframework.modelling.command.ConcurrencyException.class);
  }
}
