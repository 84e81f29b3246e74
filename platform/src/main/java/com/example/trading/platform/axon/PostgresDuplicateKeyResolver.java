package com.example.trading.platform.axon;

import com.example.trading.platform.failure.CauseChain;
import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises PostgreSQL's unique-violation (SQLSTATE 23505) anywhere in a failure, including the
 * "next exception" of a batch insert. Axon's default resolver compares vendor error codes, which
 * PostgreSQL leaves at 0, so two writers racing for the same aggregate sequence would surface as a
 * generic {@code EventStoreException} instead of a retryable {@code ConcurrencyException}.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

  private static final String UNIQUE_VIOLATION = "23505";

  @Override
  public boolean isDuplicateKeyViolation(Exception exception) {
    return CauseChain.of(exception)
        .anyMatch(t -> t instanceof SQLException sql && isUniqueViolation(sql));
  }

  private static boolean isUniqueViolation(SQLException exception) {
    for (SQLException e = exception; e != null; e = e.getNextException()) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
