package com.example.trading.saga.store;

import java.util.Set;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;

/**
 * Axon's {@link CachingSagaStore} made safe for rollbacks. The cache holds live saga instances
 * (handlers change them in place) and is written when a unit of work stores them, before the
 * transaction commits; a batch that then rolls back (a handler failed, the database refused) would
 * leave state in the cache that the database never got, and the retried events would meet sagas
 * that think they have handled them already. So every unit of work that reads or writes through
 * this store clears both caches if it rolls back: the retry reads what was committed.
 *
 * <p>The cache is only correct while this process is the only writer of the sagas it holds: the
 * segment's owner (a saga's deadlines reach it as events on its segment). When segments move
 * between instances, {@link SegmentClaims} clears it.
 */
final class RollbackSafeSagaCache implements SagaStore<Object> {

  private static final String CLEAR_ON_ROLLBACK = RollbackSafeSagaCache.class.getName() + ".clearOnRollback";

  private final SagaStore<Object> cached;
  private final Cache sagas;
  private final Cache associations;

  RollbackSafeSagaCache(SagaStore<Object> store, Cache sagas, Cache associations) {
    this.cached = CachingSagaStore.builder().delegateSagaStore(store).sagaCache(sagas).associationsCache(associations)
        .build();
    this.sagas = sagas;
    this.associations = associations;
  }

  @Override
  public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
    return cached.findSagas(sagaType, associationValue);
  }

  @Override
  public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
    clearOnRollback();
    return cached.loadSaga(sagaType, sagaIdentifier);
  }

  @Override
  public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
    clearOnRollback();
    cached.deleteSaga(sagaType, sagaIdentifier, associationValues);
  }

  @Override
  public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
      Set<AssociationValue> associationValues) {
    clearOnRollback();
    cached.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
  }

  @Override
  public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
    clearOnRollback();
    cached.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
  }

  /** Forgets every cached saga and association: the next reads go to the database. */
  void clear() {
    sagas.removeAll();
    associations.removeAll();
  }

  /** Registers the clearing once per unit of work (a batch touches many sagas). */
  private void clearOnRollback() {
    if (CurrentUnitOfWork.isStarted()) {
      UnitOfWork<?> root = CurrentUnitOfWork.get().root();
      root.getOrComputeResource(CLEAR_ON_ROLLBACK, key -> {
        root.onRollback(unitOfWork -> clear());
        return Boolean.TRUE;
      });
    }
  }
}
