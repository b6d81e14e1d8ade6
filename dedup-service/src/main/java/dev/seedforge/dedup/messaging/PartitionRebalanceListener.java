package dev.seedforge.dedup.messaging;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

import dev.seedforge.dedup.service.DedupService;

/** When this instance takes over partitions, jobs it knew may have moved on elsewhere: their indexes are rebuilt. */
@ApplicationScoped
@Identifier("dedup-rebalance")
public class PartitionRebalanceListener implements KafkaConsumerRebalanceListener {

    private final DedupService dedup;

    public PartitionRebalanceListener(DedupService dedup) {
        this.dedup = dedup;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        dedup.rebalanced();
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        dedup.rebalanced();
    }
}
