package com.example.trading.projections.pipeline;

import com.example.trading.platform.kafka.KafkaCluster;
import com.example.trading.platform.kafka.Partition;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.security.Caller;
import com.example.trading.projections.store.ViewStore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ops/views} (operators): each view's version, the index behind its alias, and its lag
 * per partition as its consumer group stands — the group's committed offsets against the ends of
 * the partitions, whichever instance holds them — with whether this instance's projection of it
 * runs or refuses to write.
 */
@RestController
@Tag(name = "views", description = "The views, their indices and their lag (operators)")
public class ViewsController {

  /** The views. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Views(List<ViewState> views) {}

  /**
   * One view: {@code lagEvents} is the sum over {@code partitions}; {@code running}, {@code
   * refused} and {@code lagSeconds} are of this instance's projection (null when it runs none).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ViewState(
      String view,
      int version,
      String alias,
      @Nullable String index,
      String consumerGroup,
      long lagEvents,
      List<PartitionLag> partitions,
      @Nullable Boolean running,
      @Nullable String refused,
      @Nullable Long lagSeconds) {}

  /**
   * A partition ({@code topic/number}, the topic's deployed name): the group's committed offset
   * (null before its first commit) and the partition's end.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record PartitionLag(
      String partition, @Nullable Long committedOffset, long endOffset, long lagEvents) {}

  private final List<View<?>> views;
  private final ObjectProvider<ViewProjection<?>> projections;
  private final ViewStore store;
  private final KafkaCluster cluster;
  private final TopicNames topics;
  private final ConsumerGroups groups;

  ViewsController(
      List<View<?>> views,
      ObjectProvider<ViewProjection<?>> projections,
      ViewStore store,
      KafkaCluster cluster,
      TopicNames topics,
      ConsumerGroups groups) {
    this.views = views;
    this.projections = projections;
    this.store = store;
    this.cluster = cluster;
    this.topics = topics;
    this.groups = groups;
  }

  @Operation(
      operationId = "listViews",
      summary =
          "Each view's version, index and lag per partition of its consumer group, "
              + "with this instance's projection of it (operator)")
  @GetMapping("/ops/views")
  Views views(Caller caller) {
    caller.requireOperator();
    List<ViewState> states = new ArrayList<>();
    for (View<?> view : views) {
      states.add(state(view));
    }
    return new Views(states);
  }

  private ViewState state(View<?> view) {
    String group = groups.of(view);
    List<Partition> partitions = new ArrayList<>();
    for (String topic : topics.of(view.topics())) {
      partitions.addAll(cluster.partitionsOf(topic));
    }
    Map<Partition, Long> ends = cluster.endOffsets(partitions);
    Map<Partition, Long> committed = cluster.committedOffsets(group, partitions);
    List<PartitionLag> lags = new ArrayList<>();
    long total = 0;
    for (Partition partition : partitions) {
      long end = ends.getOrDefault(partition, 0L);
      Long at = committed.get(partition);
      long lag = Math.max(0, end - (at == null ? 0 : at));
      total += lag;
      lags.add(new PartitionLag(partition.toString(), at, end, lag));
    }
    lags.sort(Comparator.comparing(PartitionLag::partition));
    String alias = store.alias(view);
    Optional<ViewProjection<?>> here =
        projections.orderedStream().filter(p -> p.view().name().equals(view.name())).findFirst();
    return new ViewState(
        view.name(),
        view.version(),
        alias,
        store.indexBehindAlias(alias).orElse(null),
        group,
        total,
        lags,
        here.map(ViewProjection::isRunning).orElse(null),
        here.map(ViewProjection::refusal).orElse(null),
        here.map(ViewProjection::lagSeconds).orElse(null));
  }
}
