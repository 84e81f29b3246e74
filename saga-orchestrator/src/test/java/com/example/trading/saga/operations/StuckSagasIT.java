package com.example.trading.saga.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.saga.SagaTestSupport;
import com.example.trading.teststack.TestHttp;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Stuck means no progress, not an early start: a saga that started long ago but moved a minute ago
 * is not stuck, one whose last move was an hour ago is (however recently it retried), and an order
 * resting at the venue is never stuck. Finished sagas' rows go after their retention.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StuckSagasIT {

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    SagaTestSupport.register(registry, "http://127.0.0.1:9");
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired SagaStatusCleanUp cleanUp;

  private final String prefix = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void stuckGoesByLastProgressAndLeavesRestingOrdersOut() {
    status("moved-lately", "RESERVING", "2 hours", "1 minute", "1 minute", null);
    status("no-progress", "RESERVING", "2 hours", "1 hour", "10 seconds", null);
    status("resting", "ON_MARKET", "2 hours", "1 hour", "1 hour", null);

    String stuck = TestHttp.asOperator().get(port, "/ops/sagas/stuck?olderThan=PT5M").body();

    assertThat(stuck)
        .contains(prefix + "-no-progress")
        .doesNotContain(prefix + "-moved-lately")
        .doesNotContain(prefix + "-resting");
  }

  @Test
  void finishedSagasRowsGoAfterTheirRetention() {
    status("finished-long-ago", "FINISHING", "9 days", "8 days", "8 days", "8 days");
    status("finished-lately", "FINISHING", "2 days", "1 day", "1 day", "1 day");

    cleanUp.workOnce();

    assertThat(
            jdbc.queryForList(
                "select order_id from saga_status where order_id like ?",
                String.class,
                prefix + "%"))
        .containsExactly(prefix + "-finished-lately");
  }

  private void status(
      String name,
      String step,
      String startedAgo,
      String progressedAgo,
      String updatedAgo,
      String finishedAgo) {
    jdbc.update(
        """
        insert into saga_status (order_id, correlation_id, step, started_at, progressed_at, updated_at, finished_at)
        values (?, ?, ?, now() - ?::interval, now() - ?::interval, now() - ?::interval, now() - ?::interval)""",
        prefix + "-" + name,
        prefix + "-" + name,
        step,
        startedAgo,
        progressedAgo,
        updatedAgo,
        finishedAgo);
  }
}
