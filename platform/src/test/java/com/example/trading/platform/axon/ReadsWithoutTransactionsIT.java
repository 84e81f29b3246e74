package com.example.trading.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestStack;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The services' event store, as {@link CrossInstanceEventStoreConfiguration} builds it, on a
 * database of its own: a tracking processor's read starts no transaction, a write still runs in
 * one, and a read inside a transaction (an aggregate loaded while a command is handled) runs in
 * that transaction, seeing what it wrote before its commit.
 */
class ReadsWithoutTransactionsIT {

  private final TestStack stack = TestStack.get();
  private HikariDataSource pool;
  private CountingTransactions transactions;
  private TransactionManager axonTransactions;
  private EventStorageEngine store;

  /** Spring's transactions on the pool, counting those begun. */
  static final class CountingTransactions extends DataSourceTransactionManager {
    final AtomicInteger begun = new AtomicInteger();

    CountingTransactions(HikariDataSource pool) {
      super(pool);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
      begun.incrementAndGet();
      super.doBegin(transaction, definition);
    }
  }

  @BeforeEach
  void eventStoreOnADatabaseOfItsOwn() {
    pool = new HikariDataSource();
    pool.setJdbcUrl(stack.jdbcUrl(stack.createDatabase("reads_without_transactions")));
    pool.setUsername(stack.postgresUser());
    pool.setPassword(stack.postgresPassword());
    pool.setMaximumPoolSize(2);
    transactions = new CountingTransactions(pool);
    axonTransactions = new SpringTransactionManager(transactions);
    CrossInstanceEventStoreConfiguration configuration = new CrossInstanceEventStoreConfiguration();
    Configuration axon = DefaultConfigurer.defaultConfiguration().buildConfiguration();
    JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    EventSchema schema = new AxonJdbcSchemaAutoConfiguration().eventSchema();
    store =
        configuration.eventStorageEngine(
            serializer,
            serializer,
            new PostgresDuplicateKeyResolver(),
            axon,
            configuration.connectionProvider(pool),
            axonTransactions,
            schema);
    ((JdbcEventStorageEngine) store).createSchema(PostgresEventTableFactory.INSTANCE);
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void aTrackingReadStartsNoTransactionAndAWriteRunsInOne() {
    inAUnitOfWorkWithATransaction(() -> store.appendEvents(event("order-1", 0)));
    assertThat(transactions.begun).hasValue(1);

    List<? extends TrackedEventMessage<?>> read = store.readEvents(null, false).toList();

    assertThat(read).extracting(m -> (Object) m.getPayload()).containsExactly("order-1 #0");
    assertThat(transactions.begun).as("transactions begun by the read").hasValue(1);
  }

  @Test
  void aReadInsideATransactionSeesWhatItWroteBeforeTheCommit() {
    inAUnitOfWorkWithATransaction(() -> store.appendEvents(event("order-2", 0)));
    AtomicInteger seenInside = new AtomicInteger();

    inAUnitOfWorkWithATransaction(
        () -> {
          store.appendEvents(event("order-2", 1));
          seenInside.set((int) store.readEvents("order-2").asStream().count());
        });

    // on a connection of its own, the read would have seen only the committed first event
    assertThat(seenInside).hasValue(2);
    assertThat(store.readEvents("order-2").asStream().count()).isEqualTo(2);
  }

  private void inAUnitOfWorkWithATransaction(Runnable work) {
    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
    unitOfWork.attachTransaction(axonTransactions);
    unitOfWork.execute(work);
  }

  private static DomainEventMessage<String> event(String aggregateId, long sequence) {
    return new GenericDomainEventMessage<>(
        "Order", aggregateId, sequence, aggregateId + " #" + sequence);
  }
}
