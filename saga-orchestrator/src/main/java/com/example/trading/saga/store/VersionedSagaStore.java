package com.example.trading.saga.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's saga tables ({@code saga_entry}, {@code association_value_entry}, in Axon's own format)
 * with a version on each saga, behind a cache of the sagas as last committed by this instance.
 *
 * <p>A saga's next event usually comes to the instance that handled its last one, so the saga it
 * needs is the object that instance's last commit wrote: taken from the cache, it costs neither the
 * two queries nor the deserialization a load from the database does. What makes that safe is the
 * version, not the cache:
 *
 * <ul>
 *   <li>every write is conditional on the version read ({@code where version = ?}), and bumps it. A
 *       saga another instance changed since (its segment moved there and back, or a claim expired
 *       during a long batch) fails the write with an {@link OptimisticLockingFailureException}: the
 *       batch rolls back, its outbox rows, venue requests and deadlines with it, and the processor
 *       retries it, loading the saga afresh. A stale copy never overwrites newer state, nor
 *       re-creates a saga another instance ended.
 *   <li>a saga is taken out of the cache when it is loaded, and put back only after the transaction
 *       that wrote it has committed, as the object that was written. A batch that rolls back leaves
 *       nothing behind: the handlers' changes to the object it loaded die with it.
 * </ul>
 *
 * <p>Without a transaction (nothing in the orchestrator does that) the store reads and writes the
 * database only, without a version check, as Axon's JDBC saga store does. Thread-safe: the cache
 * is, and what a transaction loaded is bound to that transaction.
 */
final class VersionedSagaStore implements SagaStore<Object> {

  private final JdbcTemplate jdbc;
  private final Serializer serializer;
  private final Cache committed;

  VersionedSagaStore(JdbcTemplate jdbc, Serializer serializer, Cache committed) {
    this.jdbc = jdbc;
    this.serializer = serializer;
    this.committed = committed;
  }

  @Override
  public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
    return new HashSet<>(
        jdbc.queryForList(
            "select saga_id from association_value_entry"
                + " where association_key = ? and association_value = ? and saga_type = ?",
            String.class,
            associationValue.getKey(),
            associationValue.getValue(),
            typeName(sagaType)));
  }

  @Override
  public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
    Transaction transaction = Transaction.current(this);
    if (transaction != null) {
      Committed cached = committed.get(sagaIdentifier);
      if (cached != null && sagaType.isInstance(cached.saga())) {
        committed.remove(sagaIdentifier);
        transaction.versionRead.put(sagaIdentifier, cached.version());
        return new Loaded<>(sagaType.cast(cached.saga()), cached.associations());
      }
    }
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            """
            select s.serialized_saga, s.saga_type, s.revision, s.version, a.association_key, a.association_value
            from saga_entry s
            left join association_value_entry a on a.saga_id = s.saga_id and a.saga_type = ?
            where s.saga_id = ?""",
            typeName(sagaType),
            sagaIdentifier);
    if (rows.isEmpty()) {
      return null;
    }
    Map<String, Object> first = rows.getFirst();
    S saga =
        serializer.deserialize(
            new SimpleSerializedObject<>(
                (byte[]) first.get("serialized_saga"),
                byte[].class,
                (String) first.get("saga_type"),
                (String) first.get("revision")));
    Set<AssociationValue> associations = new HashSet<>();
    for (Map<String, Object> row : rows) {
      if (row.get("association_key") != null) {
        associations.add(
            new AssociationValue(
                (String) row.get("association_key"), (String) row.get("association_value")));
      }
    }
    if (transaction != null) {
      transaction.versionRead.put(sagaIdentifier, ((Number) first.get("version")).longValue());
    }
    return new Loaded<>(saga, associations);
  }

  @Override
  public void insertSaga(
      Class<?> sagaType,
      String sagaIdentifier,
      Object saga,
      Set<AssociationValue> associationValues) {
    SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
    jdbc.update(
        "insert into saga_entry (saga_id, revision, saga_type, serialized_saga, version)"
            + " values (?, ?, ?, ?, 0)",
        sagaIdentifier,
        serialized.getType().getRevision(),
        serialized.getType().getName(),
        serialized.getData());
    insertAssociations(sagaType, sagaIdentifier, associationValues);
    cacheOnCommit(sagaIdentifier, new Committed(saga, 0, Set.copyOf(associationValues)));
  }

  @Override
  public void updateSaga(
      Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
    SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
    Long versionRead = versionRead(sagaIdentifier);
    int updated =
        versionRead == null
            ? jdbc.update(
                "update saga_entry set serialized_saga = ?, revision = ?, version = version + 1"
                    + " where saga_id = ?",
                serialized.getData(),
                serialized.getType().getRevision(),
                sagaIdentifier)
            : jdbc.update(
                "update saga_entry set serialized_saga = ?, revision = ?, version = version + 1"
                    + " where saga_id = ? and version = ?",
                serialized.getData(),
                serialized.getType().getRevision(),
                sagaIdentifier,
                versionRead);
    if (updated == 0) {
      throw changedElsewhere(sagaIdentifier, versionRead);
    }
    insertAssociations(sagaType, sagaIdentifier, associationValues.addedAssociations());
    for (AssociationValue removed : associationValues.removedAssociations()) {
      jdbc.update(
          "delete from association_value_entry"
              + " where association_key = ? and association_value = ? and saga_type = ? and saga_id = ?",
          removed.getKey(),
          removed.getValue(),
          typeName(sagaType),
          sagaIdentifier);
    }
    if (versionRead != null) {
      cacheOnCommit(
          sagaIdentifier,
          new Committed(saga, versionRead + 1, Set.copyOf(associationValues.asSet())));
    }
  }

  @Override
  public void deleteSaga(
      Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
    Long versionRead = versionRead(sagaIdentifier);
    int deleted =
        versionRead == null
            ? jdbc.update("delete from saga_entry where saga_id = ?", sagaIdentifier)
            : jdbc.update(
                "delete from saga_entry where saga_id = ? and version = ?",
                sagaIdentifier,
                versionRead);
    if (deleted == 0 && versionRead != null) {
      throw changedElsewhere(sagaIdentifier, versionRead);
    }
    jdbc.update("delete from association_value_entry where saga_id = ?", sagaIdentifier);
    committed.remove(sagaIdentifier);
  }

  private void insertAssociations(
      Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
    if (associationValues.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    for (AssociationValue value : associationValues) {
      rows.add(new Object[] {value.getKey(), value.getValue(), typeName(sagaType), sagaIdentifier});
    }
    jdbc.batchUpdate(
        "insert into association_value_entry (association_key, association_value, saga_type, saga_id)"
            + " values (?, ?, ?, ?)",
        rows);
  }

  /** The version the current transaction read the saga at; null outside a transaction. */
  private Long versionRead(String sagaIdentifier) {
    Transaction transaction = Transaction.current(this);
    return transaction == null ? null : transaction.versionRead.get(sagaIdentifier);
  }

  private void cacheOnCommit(String sagaIdentifier, Committed saga) {
    Transaction transaction = Transaction.current(this);
    if (transaction != null) {
      transaction.written.put(sagaIdentifier, saga);
    }
  }

  private String typeName(Class<?> sagaType) {
    return serializer.typeForClass(sagaType).getName();
  }

  private static OptimisticLockingFailureException changedElsewhere(
      String sagaIdentifier, Long versionRead) {
    return new OptimisticLockingFailureException(
        "saga "
            + sagaIdentifier
            + " changed since this batch read it at version "
            + versionRead
            + " (another instance handled it, or ended it): the batch rolls back and is retried"
            + " on the saga as stored");
  }

  /** A saga as a committed transaction of this instance wrote it. */
  private record Committed(Object saga, long version, Set<AssociationValue> associations) {}

  private record Loaded<S>(S saga, Set<AssociationValue> associationValues) implements Entry<S> {}

  /**
   * What one database transaction loaded (the versions its writes are conditional on) and wrote
   * (cached once it commits), bound to that transaction and dropped when it ends.
   */
  private static final class Transaction implements TransactionSynchronization {

    private final VersionedSagaStore store;
    private final Map<String, Long> versionRead = new HashMap<>();
    private final Map<String, Committed> written = new HashMap<>();

    private Transaction(VersionedSagaStore store) {
      this.store = store;
    }

    /** The current transaction's, bound at first use; null when no transaction is active. */
    static Transaction current(VersionedSagaStore store) {
      if (!TransactionSynchronizationManager.isSynchronizationActive()) {
        return null;
      }
      Transaction transaction = (Transaction) TransactionSynchronizationManager.getResource(store);
      if (transaction == null) {
        transaction = new Transaction(store);
        TransactionSynchronizationManager.bindResource(store, transaction);
        TransactionSynchronizationManager.registerSynchronization(transaction);
      }
      return transaction;
    }

    @Override
    public void afterCommit() {
      written.forEach(store.committed::put);
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(store);
    }
  }
}
