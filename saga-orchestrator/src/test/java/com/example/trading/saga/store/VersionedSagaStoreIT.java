package com.example.trading.saga.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.trading.platform.axon.BoundedCache;
import com.example.trading.saga.SagaTestSupport;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.SagaStore.Entry;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The saga store's cache against the real database, with two stores standing for two instances of
 * the orchestrator on one database: a saga another instance changed or ended since this one cached
 * it is never written over, and a batch that rolls back leaves no changed saga in the cache.
 */
class VersionedSagaStoreIT {

  private static ConfigurableApplicationContext orchestrator;
  private static TransactionTemplate transactions;
  private static JdbcTemplate jdbc;

  private final VersionedSagaStore thisInstance = store();
  private final VersionedSagaStore otherInstance = store();
  private final String sagaId = UUID.randomUUID().toString();
  private final AssociationValue order = new AssociationValue("orderId", sagaId);

  @BeforeAll
  static void start() {
    orchestrator = SagaTestSupport.start(SagaTestSupport.standalone("http://127.0.0.1:9"));
    transactions = new TransactionTemplate(orchestrator.getBean(PlatformTransactionManager.class));
    jdbc = orchestrator.getBean(JdbcTemplate.class);
  }

  @AfterAll
  static void stop() {
    orchestrator.close();
  }

  @Test
  void aSagaIsServedFromTheCacheAfterItsCommitAndFromTheDatabaseByAnotherInstance() {
    TestSaga started = new TestSaga("PRICING");
    inTransaction(() -> thisInstance.insertSaga(TestSaga.class, sagaId, started, Set.of(order)));

    update(thisInstance, saga -> assertThat(saga).isSameAs(started));

    assertThat(load(otherInstance)).isNotSameAs(started);
    assertThat(load(otherInstance).step).isEqualTo("PRICING");
    assertThat(version()).isEqualTo(1);
    assertThat(otherInstance.findSagas(TestSaga.class, order)).containsExactly(sagaId);
  }

  @Test
  void aSagaAnotherInstanceChangedIsNotOverwrittenByTheCachedCopy() {
    inTransaction(
        () ->
            thisInstance.insertSaga(
                TestSaga.class, sagaId, new TestSaga("PRICING"), Set.of(order)));
    update(otherInstance, saga -> saga.step = "RESERVING");

    assertThatThrownBy(() -> update(thisInstance, saga -> saga.step = "CHARGING_FEE"))
        .isInstanceOf(OptimisticLockingFailureException.class)
        .hasMessageContaining(sagaId);
    assertThat(load(otherInstance).step).isEqualTo("RESERVING");

    // The batch is retried: the saga comes from the database this time, as the other left it.
    update(
        thisInstance,
        saga -> {
          assertThat(saga.step).isEqualTo("RESERVING");
          saga.step = "CHARGING_FEE";
        });
    assertThat(load(otherInstance).step).isEqualTo("CHARGING_FEE");
    assertThat(version()).isEqualTo(2);
  }

  @Test
  void aSagaAnotherInstanceEndedIsNotWrittenAgain() {
    inTransaction(
        () ->
            thisInstance.insertSaga(
                TestSaga.class, sagaId, new TestSaga("ON_MARKET"), Set.of(order)));
    inTransaction(
        () -> {
          load(otherInstance);
          otherInstance.deleteSaga(TestSaga.class, sagaId, Set.of(order));
        });

    assertThatThrownBy(() -> update(thisInstance, saga -> saga.step = "SETTLING"))
        .isInstanceOf(OptimisticLockingFailureException.class);
    Entry<TestSaga> afterTheRetry =
        transactions.execute(status -> thisInstance.loadSaga(TestSaga.class, sagaId));
    assertThat(afterTheRetry).as("the saga after the batch's retry").isNull();
    assertThat(thisInstance.findSagas(TestSaga.class, order)).isEmpty();
  }

  @Test
  void aBatchThatRollsBackLeavesNoChangedSagaInTheCache() {
    TestSaga started = new TestSaga("RESERVING");
    inTransaction(() -> thisInstance.insertSaga(TestSaga.class, sagaId, started, Set.of(order)));

    transactions.executeWithoutResult(
        status -> {
          TestSaga saga = thisInstance.loadSaga(TestSaga.class, sagaId).saga();
          saga.step = "CHARGING_FEE";
          thisInstance.updateSaga(
              TestSaga.class, sagaId, saga, new AssociationValuesImpl(Set.of(order)));
          status.setRollbackOnly();
        });

    TestSaga reloaded = load(thisInstance);
    assertThat(reloaded).isNotSameAs(started);
    assertThat(reloaded.step).isEqualTo("RESERVING");
    assertThat(version()).isZero();
  }

  /** Loads the saga, changes it and writes it, in one transaction, as a saga processor batch. */
  private void update(VersionedSagaStore store, Consumer<TestSaga> change) {
    inTransaction(
        () -> {
          Entry<TestSaga> entry = store.loadSaga(TestSaga.class, sagaId);
          change.accept(entry.saga());
          store.updateSaga(
              TestSaga.class,
              sagaId,
              entry.saga(),
              new AssociationValuesImpl(entry.associationValues()));
        });
  }

  /** The saga as the store gives it, in a transaction that writes nothing back. */
  private TestSaga load(VersionedSagaStore store) {
    return transactions.execute(status -> store.loadSaga(TestSaga.class, sagaId).saga());
  }

  private long version() {
    return jdbc.queryForObject(
        "select version from saga_entry where saga_id = ?", Long.class, sagaId);
  }

  private static void inTransaction(Runnable work) {
    transactions.executeWithoutResult(status -> work.run());
  }

  private static VersionedSagaStore store() {
    return new VersionedSagaStore(
        jdbc, orchestrator.getBean("serializer", Serializer.class), new BoundedCache(100));
  }

  /** A saga's state as Jackson serializes it. */
  public static final class TestSaga {
    public String step;

    public TestSaga() {}

    TestSaga(String step) {
      this.step = step;
    }
  }
}
