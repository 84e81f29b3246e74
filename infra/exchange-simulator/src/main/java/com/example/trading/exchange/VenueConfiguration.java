package com.example.trading.exchange;

import com.example.trading.exchange.execution.ExecutionFeed;
import com.example.trading.exchange.market.PriceGauges;
import com.example.trading.exchange.market.ReferencePrices;
import com.example.trading.exchange.order.MarketTicker;
import com.example.trading.exchange.order.OrderBook;
import com.example.trading.exchange.order.VenueRules;
import com.example.trading.exchange.settings.CurrentSettings;
import com.example.trading.exchange.settings.FaultInjectionFilter;
import com.example.trading.exchange.settings.VenueSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the venue from {@link ExchangeProperties}: one clock, one random generator (seeded), the
 * reference prices, the order book opened on its journal, the market ticker and the resilience
 * settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
class VenueConfiguration {

  private static final Logger log = LoggerFactory.getLogger(VenueConfiguration.class);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * {@link Random} rather than a faster generator because it is thread-safe: the filter shares it.
   */
  @Bean
  RandomGenerator random(ExchangeProperties properties) {
    long seed =
        properties.seed() != null ? properties.seed() : ThreadLocalRandom.current().nextLong();
    log.atInfo()
        .addKeyValue("seed", seed)
        .log("exchange random seed (set EXCHANGE_SEED to repeat this run)");
    return new Random(seed);
  }

  @Bean
  ReferencePrices referencePrices(
      ExchangeProperties properties, RandomGenerator random, Clock clock) {
    return new ReferencePrices(properties.instruments(), properties.priceStep(), random, clock);
  }

  @Bean
  PriceGauges priceGauges(ReferencePrices prices) {
    return new PriceGauges(prices);
  }

  @Bean
  CurrentSettings currentSettings(ExchangeProperties properties) {
    return new CurrentSettings(
        new VenueSettings(
            properties.latencyMs(),
            properties.rejectRate(),
            properties.errorRate(),
            properties.partialFills()));
  }

  @Bean
  ExecutionFeed executionFeed() {
    return new ExecutionFeed();
  }

  @Bean(destroyMethod = "close")
  OrderBook orderBook(
      ExchangeProperties properties,
      ExecutionFeed feed,
      ReferencePrices prices,
      CurrentSettings settings,
      Clock clock,
      RandomGenerator random,
      MeterRegistry meters) {
    VenueRules rules =
        new VenueRules(
            properties.limitOrderTtl(),
            properties.marketSlippage(),
            new HashSet<>(properties.haltedInstruments()),
            properties.sessionClose());
    return OrderBook.open(
        properties.journalDir(), feed, prices, rules, settings, clock, random, meters);
  }

  @Bean
  MarketTicker marketTicker(OrderBook book, ExchangeProperties properties) {
    return new MarketTicker(book, properties.tickInterval());
  }

  @Bean
  FaultInjectionFilter faultInjectionFilter(
      CurrentSettings settings, RandomGenerator random, MeterRegistry meters) {
    return new FaultInjectionFilter(settings, random, meters);
  }

  /** DOWN once the journal has failed: the venue then refuses every change until a restart. */
  @Bean
  HealthIndicator journalHealthIndicator(OrderBook book) {
    return () ->
        book.healthy()
            ? Health.up().build()
            : Health.down()
                .withDetail("reason", "the journal failed; restart to replay it")
                .build();
  }
}
