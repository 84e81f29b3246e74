package com.example.trading.projections;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonData;
import com.example.trading.projections.pipeline.Checkpoint;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.store.ViewStore;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.teststack.KafkaTail;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The projections running for real against Kafka and Elasticsearch, in consumer groups and indices
 * and topics of their own (a unique prefix), fed by events the tests publish the way the command
 * side's relay does. Every integration test class of the module extends it, so they share one
 * context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ProjectionsIntegrationTest {

  protected static final String PREFIX = TestStack.uniqueName("it") + "-";
  protected static final MessageCodec CODEC = new MessageCodec();
  private static final AtomicLong POSITIONS = new AtomicLong(System.currentTimeMillis() * 1000);

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    TestStack.get().registerKafka(registry);
    TestStack.get().registerElasticsearch(registry);
    TestStack.get().registerIssuer(registry);
    registry.add("trading.views.index-prefix", () -> PREFIX);
    registry.add("trading.projections.group-prefix", () -> PREFIX + "projection");
    registry.add("trading.kafka.topic-prefix", () -> PREFIX);
  }

  /**
   * A new, empty index with the view's mapping as the view's previous version would have built it
   * (its {@code _meta} names the version before the view's own), for what happens across versions.
   */
  protected static String indexOfThePreviousVersion(
      ElasticsearchClient elasticsearch, View<?> view, String alias) throws IOException {
    String index = alias + "-older-" + UUID.randomUUID();
    elasticsearch
        .indices()
        .create(
            c ->
                c.index(index)
                    .mappings(
                        m ->
                            m.dynamic(view.mapping().dynamic())
                                .properties(view.mapping().properties())
                                .meta(
                                    Map.of(
                                        ViewStore.VERSION_META, JsonData.of(view.version() - 1)))));
    return index;
  }

  /** Every document of an index (or an alias's) but its checkpoints, by id, once refreshed. */
  protected static Map<String, ObjectNode> documents(
      ElasticsearchClient elasticsearch, String indexOrAlias) throws IOException {
    elasticsearch.indices().refresh(r -> r.index(indexOrAlias));
    Map<String, ObjectNode> documents = new TreeMap<>();
    elasticsearch
        .search(
            s -> s.index(indexOrAlias).size(10_000).query(Checkpoint.NOT_A_CHECKPOINT),
            ObjectNode.class)
        .hits()
        .hits()
        .forEach(hit -> documents.put(hit.id(), hit.source()));
    return documents;
  }

  /** Waits until the view behind {@code alias} has applied {@code written} (its checkpoint). */
  protected static void awaitApplied(ViewStore store, String alias, RecordMetadata written) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                store
                        .checkpoint(alias, contractTopic(written), written.partition())
                        .map(Checkpoint::checkpointOffset)
                        .orElse(-1L)
                    >= written.offset());
  }

  /** The contract name of the topic a record was written to (what checkpoints name). */
  protected static String contractTopic(RecordMetadata written) {
    return written.topic().substring(PREFIX.length());
  }

  /** Publishes an event as the relay would, and returns where it was written. */
  protected static RecordMetadata publish(TradingEvent event, long sequence, String messageId) {
    return publish(
        event, sequence, messageId, Instant.parse("2026-11-22T10:00:00Z").plusSeconds(sequence));
  }

  protected static RecordMetadata publish(
      TradingEvent event, long sequence, String messageId, Instant at) {
    return publish(event, sequence, messageId, at, null);
  }

  /** Publishes an event as the relay would, in the trace of {@code traceparent} (may be null). */
  protected static RecordMetadata publish(
      TradingEvent event, long sequence, String messageId, Instant at, String traceparent) {
    var metadata =
        new MessageMetadata(
            messageId,
            event.aggregateId(),
            null,
            at,
            CODEC.typeName(event.getClass()),
            CODEC.revision(event.getClass()),
            traceparent);
    Map<String, String> headers = new HashMap<>(metadata.toHeaders());
    headers.put(Topics.POSITION_HEADER, Long.toString(POSITIONS.incrementAndGet()));
    headers.put(Topics.SEQUENCE_HEADER, Long.toString(sequence));
    return KafkaTail.send(
        TestStack.get().kafkaBootstrapServers(),
        PREFIX + Topics.eventTopicOf(event.getClass()),
        event.aggregateId(),
        CODEC.serialize(event),
        headers);
  }
}
