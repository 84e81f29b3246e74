package com.example.trading.saga.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.platform.axon.BoundedCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

/**
 * The association cache answers lookups the way the database does once every writer has committed,
 * also when one segment's worker looks up an order between another worker's insert of its saga and
 * that batch's commit.
 */
class SagaAssociationCacheTest {

  private static final AssociationValue ORDER = new AssociationValue("orderId", "order-1");

  private final TransactionalStore database = new TransactionalStore();
  private final SagaAssociationCache cache =
      new SagaAssociationCache(database, new BoundedCache(100));

  @Test
  void aSagaLookedUpBeforeItsInsertIsCommittedIsFoundOnceItIs() {
    // The worker of the order's segment starts its saga; its batch has not committed yet.
    cache.insertSaga(Object.class, "saga-1", "state", Set.of(ORDER));
    // Another segment's worker handles the same event: the database shows no saga yet.
    assertThat(cache.findSagas(Object.class, ORDER)).isEmpty();
    database.commit();

    // The saga's next event must reach it.
    assertThat(cache.findSagas(Object.class, ORDER)).containsExactly("saga-1");
  }

  @Test
  void aSagaFoundIsCachedUntilItIsDeleted() {
    cache.insertSaga(Object.class, "saga-1", "state", Set.of(ORDER));
    database.commit();
    assertThat(cache.findSagas(Object.class, ORDER)).containsExactly("saga-1");
    database.lookups = 0;

    assertThat(cache.findSagas(Object.class, ORDER)).containsExactly("saga-1");
    assertThat(database.lookups).as("lookups that reached the database").isZero();

    cache.deleteSaga(Object.class, "saga-1", Set.of(ORDER));
    assertThat(cache.findSagas(Object.class, ORDER)).isEmpty();
  }

  /**
   * A saga store whose inserts others see only after {@link #commit()}, like another transaction's.
   */
  private static final class TransactionalStore implements SagaStore<Object> {

    private final InMemorySagaStore committed = new InMemorySagaStore();
    private final List<Runnable> pending = new ArrayList<>();
    private int lookups;

    void commit() {
      pending.forEach(Runnable::run);
      pending.clear();
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
      lookups++;
      return committed.findSagas(sagaType, associationValue);
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
      return committed.loadSaga(sagaType, sagaIdentifier);
    }

    @Override
    public void deleteSaga(
        Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
      committed.deleteSaga(sagaType, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(
        Class<?> sagaType,
        String sagaIdentifier,
        Object saga,
        Set<AssociationValue> associationValues) {
      pending.add(() -> committed.insertSaga(sagaType, sagaIdentifier, saga, associationValues));
    }

    @Override
    public void updateSaga(
        Class<?> sagaType,
        String sagaIdentifier,
        Object saga,
        AssociationValues associationValues) {
      committed.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
    }
  }
}
