package com.example.trading.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestStack;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The connection a unit of work's transaction uses goes back to the pool once. Axon's default
 * provider closed it a second time at the unit of work's clean-up, after the transaction's commit
 * had returned it to the pool; if another thread had borrowed it by then, HikariCP's second close
 * wiped that borrower's list of open statements (shared by every borrow of one pooled connection),
 * and the borrower failed with {@code ArrayIndexOutOfBoundsException} in HikariCP's {@code
 * FastList}: a 500 on a placement, under load. Reproduced here on one thread, deterministically:
 * the next borrower takes the connection between the commit and the clean-up.
 */
class UnitOfWorkConnectionIT {

  private final TestStack stack = TestStack.get();
  private HikariDataSource pool;

  @BeforeEach
  void onePooledConnection() {
    pool = new HikariDataSource();
    pool.setJdbcUrl(stack.jdbcUrl(stack.createDatabase("unit_of_work_connection")));
    pool.setUsername(stack.postgresUser());
    pool.setPassword(stack.postgresPassword());
    pool.setMaximumPoolSize(1);
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void theNextBorrowerOfATransactionsConnectionKeepsItsStatements() throws Exception {
    ConnectionProvider connections =
        new CrossInstanceEventStoreConfiguration().connectionProvider(pool);
    AtomicReference<Connection> nextBorrower = new AtomicReference<>();
    AtomicReference<PreparedStatement> itsStatement = new AtomicReference<>();

    // as Axon's command bus runs a command: a unit of work with a Spring transaction attached
    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("command"));
    unitOfWork.attachTransaction(
        new SpringTransactionManager(new DataSourceTransactionManager(pool)));
    unitOfWork.afterCommit(
        committed -> {
          try {
            // the commit gave the only pooled connection back: the next borrower gets it
            nextBorrower.set(pool.getConnection());
            itsStatement.set(nextBorrower.get().prepareStatement("select 1"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    unitOfWork.executeWithResult(
        () -> {
          try (Connection connection = connections.getConnection();
              PreparedStatement statement = connection.prepareStatement("select 1");
              ResultSet result = statement.executeQuery()) {
            return result.next();
          }
        },
        RollbackConfigurationType.ANY_THROWABLE);

    // closing a connection closes the statements it still has open, if the pool still knows them
    nextBorrower.get().close();
    assertThat(itsStatement.get().isClosed()).isTrue();
  }
}
