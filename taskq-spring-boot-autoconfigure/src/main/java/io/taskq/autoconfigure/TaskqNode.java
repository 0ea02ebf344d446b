package io.taskq.autoconfigure;

/**
 * This application's taskq node name: the {@code origin} of the tasks it sends and the {@code worker} of the
 * results it stores.
 *
 * @param name the node name
 */
public record TaskqNode(String name) {
}
