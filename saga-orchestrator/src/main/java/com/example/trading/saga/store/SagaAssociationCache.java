package com.example.trading.saga.store;

import java.util.Set;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;

/**
 * The saga store with its association lookups cached. Axon's saga processor asks every segment's
 * worker which sagas each event belongs to, also for sagas of other segments (it only filters the
 * answer by segment), so without a cache every event cost a query per segment.
 *
 * <p>Only an answer that found a saga is cached. The worker that starts a saga inserts it in a
 * transaction that commits at the end of its batch; another worker looking up the same order in
 * between reads no saga. Axon's {@code CachingSagaStore} cached that empty answer for good (the
 * insert had already updated its cache), and the saga's later events then found no saga and were
 * skipped without a trace until something cleared the cache. A saga found stays the answer: an
 * order has one saga and it is never re-associated; once the saga is deleted, a stale answer loads
 * nothing and Axon filters it out.
 *
 * <p>The sagas themselves are cached by the store behind this one ({@link VersionedSagaStore}),
 * whose versioned writes keep a stale copy from overwriting another instance's. Thread-safe.
 */
final class SagaAssociationCache implements SagaStore<Object> {

  private final SagaStore<Object> store;
  private final Cache associations;

  SagaAssociationCache(SagaStore<Object> store, Cache associations) {
    this.store = store;
    this.associations = associations;
  }

  /** The sagas associated with the value: cached once found, read again while none is. */
  @Override
  public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
    String key = key(sagaType, associationValue);
    Set<String> known = associations.get(key);
    if (known != null) {
      return known;
    }
    Set<String> found = Set.copyOf(store.findSagas(sagaType, associationValue));
    if (!found.isEmpty()) {
      associations.put(key, found);
    }
    return found;
  }

  @Override
  public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
    return store.loadSaga(sagaType, sagaIdentifier);
  }

  @Override
  public void insertSaga(
      Class<?> sagaType,
      String sagaIdentifier,
      Object saga,
      Set<AssociationValue> associationValues) {
    forget(sagaType, associationValues);
    store.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
  }

  @Override
  public void updateSaga(
      Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
    forget(sagaType, associationValues.addedAssociations());
    forget(sagaType, associationValues.removedAssociations());
    store.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
  }

  @Override
  public void deleteSaga(
      Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
    forget(sagaType, associationValues);
    store.deleteSaga(sagaType, sagaIdentifier, associationValues);
  }

  /**
   * Drops what is cached for these associations: they are read again once the change is committed.
   */
  private void forget(Class<?> sagaType, Iterable<AssociationValue> associationValues) {
    for (AssociationValue associationValue : associationValues) {
      associations.remove(key(sagaType, associationValue));
    }
  }

  private static String key(Class<?> sagaType, AssociationValue associationValue) {
    return sagaType.getName() + "/" + associationValue.getKey() + "=" + associationValue.getValue();
  }
}
