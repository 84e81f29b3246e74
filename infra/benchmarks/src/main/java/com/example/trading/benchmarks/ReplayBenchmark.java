package com.example.trading.benchmarks;

import com.example.trading.schemas.EventStream;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replay speed next to the raw Elasticsearch bulk-indexing rate, in one run on one machine.
 *
 * <p>Method: writes a synthetic history into topics of its own (a unique prefix): for each of
 * {@code BENCH_ORDERS} orders (default 20,000) the 7 order and fee events of a filled order and the
 * 5 holding events of its settlement, with the relay's envelope, over 500 accounts that each
 * deposit their shares before their first order. Then runs the real replay CLI ({@code
 * infra/local/replay --view all}, what {@code make replay} runs, with its ahead-of-time cache: the
 * first run after a build writes it, later runs start from it) as its own process into indices of
 * its own and reports what it prints: events/s for the build phase of each view. Then measures the
 * ceiling: one client indexing the same number of small documents into a scratch index with {@code
 * _bulk} (bulks of 5,000, external versioning, no refresh until the end). Everything it creates is
 * deleted afterwards. Needs the local stack (not the services).
 *
 * <p>Beside the rates, the CPU each side used ({@link ProcessCpu}, from {@code /proc}): the CLI's
 * (its whole life, start-up and checks included) and Elasticsearch's over the replay, and
 * Elasticsearch's over the ceiling's bulks, per document. On this two-core machine the rates depend
 * on how the two processes happened to share the cores; the CPU each used says what a change costs
 * apart from that.
 */
public final class ReplayBenchmark {

  private static final MessageCodec CODEC = new MessageCodec();

  /** The accounts the synthetic orders are spread over; each deposits its shares first. */
  private static final int ACCOUNTS = 500;

  /** Elasticsearch's name among the local stack's pid files. */
  private static final String ELASTICSEARCH = "elasticsearch";

  public static void main(String[] args) throws Exception {
    int orders = Integer.parseInt(env("BENCH_ORDERS", "20000"));
    String kafka = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    String elasticsearch = env("ELASTICSEARCH_URL", "http://127.0.0.1:19200");
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    List<String> topics =
        EventStream.topicsOf(List.of(EventStream.ORDER, EventStream.FEE, EventStream.HOLDING))
            .stream()
            .map(t -> prefix + t)
            .toList();

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList())
          .all()
          .get();
      long events = writeHistory(kafka, prefix, orders);
      System.out.printf(
          "cores %d; history: %,d orders, %,d events in topics %s*%n",
          Runtime.getRuntime().availableProcessors(), orders, events, prefix);

      ProcessCpu servers = ProcessCpu.ofLocalSystem();
      Map<String, Double> before = servers.sample();
      double cliBefore = ProcessCpu.selfAndFinishedChildren();
      runReplay(prefix, kafka, elasticsearch);
      double cli = ProcessCpu.selfAndFinishedChildren() - cliBefore;
      Map<String, Double> afterReplay = servers.sample();
      double elasticsearchReplay = cpuOf(ELASTICSEARCH, before, afterReplay);
      System.out.printf(
          "CPU over the replay: replay CLI %.1f s (whole process, with this benchmark's JVM reading"
              + " its output), elasticsearch %.1f s%n",
          cli, elasticsearchReplay);
      double bulkRate = rawBulkRate(elasticsearch, prefix + "raw-bulk", events);
      double elasticsearchBulk = cpuOf(ELASTICSEARCH, afterReplay, servers.sample());
      System.out.printf(
          "elasticsearch raw _bulk (1 client, bulks of 5,000, external versioning): %,.0f docs/s;"
              + " elasticsearch CPU %.0f µs per document%n",
          bulkRate, elasticsearchBulk * 1e6 / events);
    } finally {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
        admin.deleteTopics(topics).all().get();
      }
      delete(elasticsearch, prefix.replace(".", "-") + "*");
      delete(elasticsearch, prefix + "*");
    }
  }

  /** Seconds of CPU {@code process} used between two samples; NaN when it was not sampled. */
  private static double cpuOf(
      String process, Map<String, Double> before, Map<String, Double> after) {
    Double start = before.get(process);
    Double end = after.get(process);
    return start == null || end == null ? Double.NaN : end - start;
  }

  private static long writeHistory(String kafka, String prefix, int orders) throws Exception {
    long position = 0;
    long count = 0;
    Map<String, Long> holdingSequences = new HashMap<>();
    try (var producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < orders; i++) {
        String orderId = UUID.randomUUID().toString();
        String account = "bench-acc-" + (i % ACCOUNTS);
        String shares = account + "/AAPL";
        String cash = account + "/USD";
        BigDecimal price = new BigDecimal("190.25");
        List<TradingEvent> events = new ArrayList<>();
        if (i < ACCOUNTS) {
          // The account's shares, deposited before its first order sells any: a rebuilt view
          // whose holdings went negative would break the view's rules and not be swapped in.
          events.add(
              new HoldingDeposited(
                  shares,
                  account,
                  "AAPL",
                  BigDecimal.TEN.multiply(BigDecimal.valueOf((orders + ACCOUNTS - 1) / ACCOUNTS)),
                  "bench-deposit-" + account));
        }
        events.addAll(
            List.of(
                new OrderPlaced(
                    orderId,
                    account,
                    "c-" + i,
                    Side.SELL,
                    "AAPL",
                    10,
                    OrderType.MARKET,
                    null,
                    null,
                    TimeInForce.DAY,
                    null),
                new FeeCharged(orderId, account, new BigDecimal("1.90"), "standard-v1"),
                new HoldingReserved(shares, account, "AAPL", orderId, BigDecimal.TEN),
                new OrderAccepted(orderId, "AAPL", BigDecimal.TEN, new BigDecimal("1.90")),
                new OrderSubmitted(orderId, orderId),
                new HoldingDebited(
                    shares, account, "AAPL", orderId, orderId + "-F1", BigDecimal.TEN),
                new HoldingCredited(
                    cash, account, "USD", orderId, orderId + "-F1", new BigDecimal("1900.60")),
                new OrderFilled(orderId, orderId + "-F1", 10, price, 10),
                new FeeSettled(
                    orderId,
                    account,
                    new BigDecimal("1.90"),
                    new BigDecimal("0.00"),
                    new BigDecimal("1902.50")),
                new HoldingReservationReleased(shares, account, "AAPL", orderId, BigDecimal.ZERO),
                new OrderCompleted(orderId, 10)));
        Map<String, Long> sequences = new HashMap<>();
        for (TradingEvent event : events) {
          String aggregate = event.aggregateId() + "@" + Topics.eventTopicOf(event.getClass());
          long sequence =
              event.aggregateId().contains("/")
                  ? holdingSequences.merge(event.aggregateId(), 1L, Long::sum) - 1
                  : sequences.merge(aggregate, 1L, Long::sum) - 1;
          var metadata =
              new MessageMetadata(
                  UUID.randomUUID().toString(),
                  orderId,
                  null,
                  Instant.now(),
                  CODEC.typeName(event.getClass()),
                  CODEC.revision(event.getClass()),
                  null);
          var record =
              new ProducerRecord<String, byte[]>(
                  prefix + Topics.eventTopicOf(event.getClass()),
                  event.aggregateId(),
                  CODEC.serialize(event));
          metadata
              .toHeaders()
              .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
          record
              .headers()
              .add(
                  Topics.POSITION_HEADER,
                  Long.toString(++position).getBytes(StandardCharsets.UTF_8));
          record
              .headers()
              .add(
                  Topics.SEQUENCE_HEADER, Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
          producer.send(record);
          count++;
        }
      }
      producer.flush();
    }
    return count;
  }

  private static void runReplay(String prefix, String kafka, String elasticsearch)
      throws Exception {
    // The launcher make replay uses, with its JVM options and its ahead-of-time cache (the first
    // run of a new build writes it); REPLAY_JVM_OPTS reaches it through the environment, e.g. a
    // profiler:
    // REPLAY_JVM_OPTS=-agentpath:<libasyncProfiler.so>=start,event=itimer,file=replay.html
    List<String> command = List.of("infra/local/replay", "--view", "all");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka);
    builder.environment().put("ELASTICSEARCH_URL", elasticsearch);
    builder.environment().put("KAFKA_TOPIC_PREFIX", prefix);
    builder.environment().put("TRADING_VIEWS_INDEX_PREFIX", prefix.replace(".", "-"));
    builder.environment().put("TRADING_PROJECTIONS_GROUP_PREFIX", prefix + "projection");
    long started = System.nanoTime();
    Process process = builder.start();
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.contains("rebuilt from")
            || line.contains("error")
            || line.contains("alias")
            || line.contains("break")) {
          System.out.println("replay: " + line.trim());
        }
      }
    }
    int exit = process.waitFor();
    System.out.printf(
        "replay CLI: exit %d after %.1f s wall time (JVM start and verification included)%n",
        exit, (System.nanoTime() - started) / 1e9);
  }

  private static double rawBulkRate(String elasticsearch, String index, long documents)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    send(
        http,
        HttpRequest.newBuilder(URI.create(elasticsearch + "/" + index))
            .header("Content-Type", "application/json")
            .PUT(
                HttpRequest.BodyPublishers.ofString(
                    "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,\"refresh_interval\":\"-1\"},"
                        + "\"mappings\":{\"properties\":{\"accountId\":{\"type\":\"keyword\"},\"status\":{\"type\":\"keyword\"},"
                        + "\"quantity\":{\"type\":\"long\"},\"placedAt\":{\"type\":\"date\"}}}}"))
            .build());
    long started = System.nanoTime();
    for (long from = 0; from < documents; from += 5_000) {
      StringBuilder bulk = new StringBuilder();
      for (long i = from; i < Math.min(documents, from + 5_000); i++) {
        bulk.append("{\"index\":{\"_id\":\"d")
            .append(i % (documents / 2 + 1))
            .append("\",\"version\":")
            .append(i + 1)
            .append(",\"version_type\":\"external\"}}\n")
            .append("{\"accountId\":\"acc-")
            .append(i % 500)
            .append("\",\"status\":\"FILLED\",\"quantity\":")
            .append(i)
            .append(",\"placedAt\":\"2026-11-22T10:00:00Z\"}\n");
      }
      send(
          http,
          HttpRequest.newBuilder(URI.create(elasticsearch + "/" + index + "/_bulk"))
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofString(bulk.toString()))
              .build());
    }
    send(
        http,
        HttpRequest.newBuilder(URI.create(elasticsearch + "/" + index + "/_refresh"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
    return documents / ((System.nanoTime() - started) / 1e9);
  }

  private static void send(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      String body = response.body();
      throw new IllegalStateException(
          request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + body.substring(0, Math.min(500, body.length())));
    }
  }

  private static void delete(String elasticsearch, String pattern) {
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(elasticsearch + "/" + pattern)).DELETE().build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      System.err.println("could not delete " + pattern + ": " + e.getMessage());
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
