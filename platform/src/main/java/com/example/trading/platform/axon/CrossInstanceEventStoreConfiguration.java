package com.example.trading.platform.axon;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The event store of a service that runs as several instances on one database: Axon's embedded
 * store, whose tracking processors are woken at once by events appended in this process but find
 * those appended by another instance only when they next poll the database. Axon polls every
 * second; {@code trading.axon.event-store.fetch-delay} (100 ms) keeps a step that crosses instances
 * from waiting that long, for one indexed query per poll. Imported by the services that keep Axon
 * event stores. Axon's auto-configuration backs off from the storage engine too when an event store
 * is defined, so it is defined here the way Axon's JDBC auto-configuration does, with a connection
 * provider that gives each connection back to the pool once, and without a transaction around each
 * read ({@link ReadsWithoutTransactions}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class CrossInstanceEventStoreConfiguration {

  /**
   * Connections through Spring's transactions only: within a unit of work, the transaction Axon
   * attached binds one connection to the thread, and every store (events, tokens, sagas) shares it.
   * Axon's default wraps this in a {@code UnitOfWorkAwareConnectionProviderWrapper}, which closes
   * that connection once more at the unit of work's clean-up, after the commit has returned it to
   * the pool; if another thread has borrowed it by then, HikariCP's second close wipes that
   * borrower's open statements (kept per pooled connection), and the borrower fails (a 500 on a
   * placement under load). Every unit of work here that touches the database has a transaction.
   */
  @Bean
  ConnectionProvider connectionProvider(DataSource dataSource) {
    return new SpringDataSourceConnectionProvider(dataSource);
  }

  @Bean
  EventStorageEngine eventStorageEngine(
      Serializer serializer,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      PersistenceExceptionResolver persistenceExceptionResolver,
      Configuration configuration,
      ConnectionProvider connectionProvider,
      TransactionManager transactionManager,
      EventSchema eventSchema) {
    return JdbcEventStorageEngine.builder()
        .snapshotSerializer(serializer)
        .upcasterChain(configuration.upcasterChain())
        .persistenceExceptionResolver(persistenceExceptionResolver)
        .eventSerializer(eventSerializer)
        .snapshotFilter(configuration.snapshotFilter())
        .connectionProvider(connectionProvider)
        .transactionManager(new ReadsWithoutTransactions(transactionManager))
        .schema(eventSchema)
        .build();
  }

  @Bean(name = "eventBus")
  @Qualifier("eventStore")
  EmbeddedEventStore eventStore(
      EventStorageEngine storageEngine,
      Configuration configuration,
      @Value("${trading.axon.event-store.fetch-delay:100ms}") Duration fetchDelay) {
    return EmbeddedEventStore.builder()
        .storageEngine(storageEngine)
        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
        .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
        .fetchDelay(fetchDelay.toMillis())
        .timeUnit(TimeUnit.MILLISECONDS)
        .build();
  }
}
