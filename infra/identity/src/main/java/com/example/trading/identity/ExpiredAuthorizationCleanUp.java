package com.example.trading.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every issued token leaves an authorization row behind; rows whose tokens and codes all expired
 * more than an hour ago are deleted every ten minutes, so the table holds what is live.
 */
@Component
class ExpiredAuthorizationCleanUp {

  private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizationCleanUp.class);

  private final JdbcTemplate jdbc;

  ExpiredAuthorizationCleanUp(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void deleteExpired() {
    int deleted =
        jdbc.update(
            """
        delete from oauth2_authorization
         where greatest(coalesce(access_token_expires_at, '-infinity'),
                        coalesce(authorization_code_expires_at, '-infinity'),
                        coalesce(refresh_token_expires_at, '-infinity'),
                        coalesce(oidc_id_token_expires_at, '-infinity')) < now() - interval '1 hour'
        """);
    if (deleted > 0) {
      log.info("Deleted {} expired authorizations", deleted);
    }
  }
}
