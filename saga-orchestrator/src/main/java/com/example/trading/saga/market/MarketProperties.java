package com.example.trading.saga.market;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The market gateway's settings ({@code trading.market.*}, bound to environment variables in {@code
 * application.yaml}).
 *
 * @param venueUrl the exchange's base address
 * @param connectTimeout TCP connect timeout of a venue call
 * @param requestTimeout how long one venue call may take
 * @param attempts attempts of one venue call before the request is put back on the queue (transient
 *     failures: I/O, 5xx, 429)
 * @param initialBackoff the first pause between attempts; doubles with ±50% jitter
 * @param requeueBackoff how long a request that failed all its attempts waits before the next round
 *     (capped at 10 × this)
 * @param dayOrderLifetime the longest a DAY order that may rest (LIMIT, STOP, STOP_LIMIT) rests on
 *     the venue (it expires there at this or the venue's session close, whichever comes first); GTC
 *     orders rest until cancelled
 * @param pollInterval how often the idle request queue and the executions feed are polled
 * @param feedPageSize executions read per call
 * @param lease how long a claimed request is invisible to other workers while its call runs
 * @param workers how many venue requests the gateway works on at once (requests of one order stay
 *     one at a time)
 * @param retention how long finished requests are kept for operators before they are deleted
 * @param feedPollInterval how often the idle executions feed is polled (it is also woken after each
 *     venue answer)
 */
@ConfigurationProperties("trading.market")
public record MarketProperties(
    URI venueUrl,
    Duration connectTimeout,
    Duration requestTimeout,
    Integer attempts,
    Duration initialBackoff,
    Duration requeueBackoff,
    Duration dayOrderLifetime,
    Duration pollInterval,
    Integer feedPageSize,
    Duration lease,
    Integer workers,
    Duration retention,
    Duration feedPollInterval) {

  public MarketProperties {
    venueUrl = venueUrl == null ? URI.create("http://127.0.0.1:8090") : venueUrl;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
    attempts = attempts == null ? 3 : attempts;
    initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
    requeueBackoff = requeueBackoff == null ? Duration.ofSeconds(1) : requeueBackoff;
    dayOrderLifetime = dayOrderLifetime == null ? Duration.ofHours(24) : dayOrderLifetime;
    pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
    feedPageSize = feedPageSize == null ? 200 : feedPageSize;
    lease = lease == null ? Duration.ofSeconds(60) : lease;
    workers = workers == null ? 8 : workers;
    retention = retention == null ? Duration.ofDays(7) : retention;
    feedPollInterval = feedPollInterval == null ? pollInterval : feedPollInterval;
  }
}
