package com.example.trading.platform.kafka;

/**
 * One partition of a topic (its deployed name).
 *
 * @param topic the topic's deployed name
 * @param number the partition's number
 */
public record Partition(String topic, int number) {

  @Override
  public String toString() {
    return topic + "/" + number;
  }
}
