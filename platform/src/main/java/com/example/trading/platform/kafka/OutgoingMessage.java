package com.example.trading.platform.kafka;

import java.util.List;

/**
 * A message to send: the topic's deployed name, the key (which chooses the partition, so one
 * aggregate's messages stay in order), the value and the headers.
 */
public record OutgoingMessage(String topic, String key, byte[] value, List<MessageHeader> headers) {

  public OutgoingMessage {
    headers = List.copyOf(headers);
  }
}
