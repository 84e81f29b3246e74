package com.example.trading.platform.deadletters;

import com.example.trading.platform.kafka.DeadLetterPublisher;
import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.MessageHeader;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.OutgoingMessage;
import com.example.trading.platform.kafka.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A dead-letter topic written by {@link DeadLetterPublisher}. A re-drive copies the message back to
 * the topic it was read from (its {@code source} header), with its key, value and envelope and
 * without the dead-letter headers, plus {@value #REDRIVEN_FROM_HEADER}; the consumer there applies
 * it like any delivery, at most once.
 */
public final class KafkaDeadLetterTopic implements DeadLetterSource {

  public static final String REDRIVEN_FROM_HEADER = "redrivenFrom";
  private static final Set<String> DEAD_LETTER_HEADERS =
      Set.of(
          DeadLetterPublisher.FAILURE_HEADER,
          DeadLetterPublisher.FAILED_AT_HEADER,
          DeadLetterPublisher.SOURCE_HEADER);

  private final String name;
  private final String topic;
  private final String redrivesTo;
  private final Optional<String> redriveRefusal;
  private final TopicReader reader;
  private final MessageSender producer;

  private KafkaDeadLetterTopic(
      String contractName,
      TopicNames topics,
      String redrivesTo,
      Optional<String> redriveRefusal,
      KafkaClientProperties kafka,
      MessageSender producer) {
    this.name = contractName;
    this.topic = topics.of(contractName);
    this.redrivesTo = redrivesTo;
    this.redriveRefusal = redriveRefusal;
    this.reader = new TopicReader(kafka);
    this.producer = producer;
  }

  /** A dead-letter topic whose messages go back to the topic they were read from. */
  public static KafkaDeadLetterTopic redrivenToSource(
      String contractName,
      String sourceContractName,
      TopicNames topics,
      KafkaClientProperties kafka,
      MessageSender producer) {
    return new KafkaDeadLetterTopic(
        contractName, topics, sourceContractName, Optional.empty(), kafka, producer);
  }

  /**
   * A dead-letter topic whose messages are not re-driven one by one; {@code instead} says what to
   * do.
   */
  public static KafkaDeadLetterTopic notRedriven(
      String contractName, String instead, TopicNames topics, KafkaClientProperties kafka) {
    return new KafkaDeadLetterTopic(
        contractName, topics, "(none)", Optional.of(instead), kafka, null);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String redrivesTo() {
    return redrivesTo;
  }

  @Override
  public Optional<String> redriveRefusal() {
    return redriveRefusal;
  }

  @Override
  public List<DeadLetter> read() {
    return reader.readAll(topic).stream().map(KafkaDeadLetterTopic::toDeadLetter).toList();
  }

  @Override
  public Optional<DeadLetter> find(String id) {
    return record(id).map(KafkaDeadLetterTopic::toDeadLetter);
  }

  @Override
  public void redrive(DeadLetter letter) {
    if (redriveRefusal.isPresent()) {
      throw new IllegalStateException(redriveRefusal.get());
    }
    // The record itself, byte for byte, not its text form.
    ConsumerRecord<String, byte[]> dead =
        record(letter.id())
            .orElseThrow(
                () -> new RedriveFailedException("no longer on " + topic + " (retention?)"));
    String origin = letter.origin();
    if (origin == null || origin.lastIndexOf('/') < 1) {
      throw new RedriveFailedException(
          "the dead letter does not say where it was read from (no source header)");
    }
    String originTopic = origin.substring(0, origin.lastIndexOf('/'));
    List<MessageHeader> headers = new ArrayList<>();
    for (Header header : dead.headers()) {
      if (!DEAD_LETTER_HEADERS.contains(header.key())) {
        headers.add(new MessageHeader(header.key(), header.value()));
      }
    }
    headers.add(MessageHeader.text(REDRIVEN_FROM_HEADER, topic + "/" + letter.id()));
    producer.sendAndWait(
        new OutgoingMessage(originTopic, dead.key(), dead.value(), headers),
        "re-drive " + letter.id() + " to " + originTopic);
  }

  private Optional<ConsumerRecord<String, byte[]>> record(String id) {
    int at = id.indexOf('@');
    if (at < 1) {
      return Optional.empty();
    }
    try {
      return reader.read(
          topic, Integer.parseInt(id.substring(0, at)), Long.parseLong(id.substring(at + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static DeadLetter toDeadLetter(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(
          header.key(),
          header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return new DeadLetter(
        record.partition() + "@" + record.offset(),
        record.key(),
        headers,
        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
        headers.get(DeadLetterPublisher.FAILURE_HEADER),
        headers.get(DeadLetterPublisher.FAILED_AT_HEADER),
        headers.get(DeadLetterPublisher.SOURCE_HEADER));
  }
}
