package com.example.trading.projections.pipeline;

import com.example.trading.platform.deadletters.DeadLetterSource;
import com.example.trading.platform.deadletters.DeadLetterSources;
import com.example.trading.platform.deadletters.KafkaDeadLetterTopic;
import com.example.trading.platform.kafka.ConsumerSettings;
import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.kafka.TopicProvisioner;
import com.example.trading.platform.tracing.Traces;
import com.example.trading.projections.accounts.AccountsView;
import com.example.trading.projections.activities.AccountActivitiesView;
import com.example.trading.projections.orders.CustomerOrdersView;
import com.example.trading.projections.portfolio.PortfoliosView;
import com.example.trading.projections.store.ViewStore;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live projections: one {@link ViewProjection} per view, each in its own consumer group ({@code
 * <group-prefix>.<view>}), sharing a producer for their dead letters. Disabled with {@code
 * trading.projections.live=false} (the replay CLI runs without them).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "trading.projections.live",
    havingValue = "true",
    matchIfMissing = true)
class ProjectionConfiguration {

  private final KafkaClientProperties kafka;
  private final TopicNames names;
  private final ConsumerGroups groups;
  private final Duration immediateRefreshMinInterval;
  private final IdleEventBudget idleEventBudget;

  ProjectionConfiguration(
      KafkaClientProperties kafka,
      TopicProvisioner topics,
      TopicNames names,
      ConsumerGroups groups,
      @Value("${trading.views.immediate-refresh.max-events-per-second:50}")
          int immediateRefreshEvents,
      @Value("${trading.views.immediate-refresh.min-interval:50ms}")
          Duration immediateRefreshMinInterval,
      List<View<?>> views) {
    this.kafka = kafka;
    this.idleEventBudget = new IdleEventBudget(immediateRefreshEvents, System.currentTimeMillis());
    this.immediateRefreshMinInterval = immediateRefreshMinInterval;
    this.names = names;
    this.groups = groups;
    topics.ensureRetainedForever(
        Topics.EVENT_TOPICS.stream().map(names::of).toArray(String[]::new));
    topics.ensureDeadLetters(
        views.stream()
            .map(view -> names.of(ReadModel.deadLetterTopicOf(view.name())))
            .toArray(String[]::new));
  }

  @Bean(destroyMethod = "close")
  MessageSender deadLetterSender() {
    return MessageSender.create(kafka, "projections-dead-letters");
  }

  /**
   * {@code /ops/dead-letters}: events a view could not apply. They are not re-driven one by one: a
   * view skips an event older than what its document reflects, so only a rebuild applies them.
   */
  @Bean
  DeadLetterSources viewDeadLetters(List<View<?>> views) {
    return () ->
        views.stream()
            .<DeadLetterSource>map(
                view ->
                    KafkaDeadLetterTopic.notRedriven(
                        ReadModel.deadLetterTopicOf(view.name()),
                        "a view applies an event only in its aggregate's order, so a dead-lettered event is applied by rebuilding the"
                            + " view once it can be: make replay VIEW="
                            + view.name()
                            + " (it reads every event again); then discard"
                            + " the dead letter here with the reason",
                        names,
                        kafka))
            .toList();
  }

  @Bean
  ViewProjection<?> customerOrdersProjection(
      CustomerOrdersView view,
      ViewStore store,
      EventDecoder decoder,
      MessageSender deadLetterSender,
      MeterRegistry meters,
      Traces traces) {
    return projection(view, store, decoder, deadLetterSender, meters, traces);
  }

  @Bean
  ViewProjection<?> portfoliosProjection(
      PortfoliosView view,
      ViewStore store,
      EventDecoder decoder,
      MessageSender deadLetterSender,
      MeterRegistry meters,
      Traces traces) {
    return projection(view, store, decoder, deadLetterSender, meters, traces);
  }

  @Bean
  ViewProjection<?> accountsProjection(
      AccountsView view,
      ViewStore store,
      EventDecoder decoder,
      MessageSender deadLetterSender,
      MeterRegistry meters,
      Traces traces) {
    return projection(view, store, decoder, deadLetterSender, meters, traces);
  }

  @Bean
  ViewProjection<?> accountActivitiesProjection(
      AccountActivitiesView view,
      ViewStore store,
      EventDecoder decoder,
      MessageSender deadLetterSender,
      MeterRegistry meters,
      Traces traces) {
    return projection(view, store, decoder, deadLetterSender, meters, traces);
  }

  private <D> ViewProjection<D> projection(
      View<D> view,
      ViewStore store,
      EventDecoder decoder,
      MessageSender deadLetterSender,
      MeterRegistry meters,
      Traces traces) {
    Clock clock = Clock.systemUTC();
    return new ViewProjection<>(
        view,
        store,
        decoder,
        consumerSettings(view),
        deadLetterSender,
        meters,
        clock,
        names,
        traces,
        new RefreshPolicy(idleEventBudget, immediateRefreshMinInterval, clock.millis()));
  }

  private ConsumerSettings consumerSettings(View<?> view) {
    return new ConsumerSettings(
        kafka, groups.of(view), "projection-" + view.name(), "earliest", 2_000);
  }
}
