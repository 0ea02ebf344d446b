/**
 * The broker on RabbitMQ: Celery's queue topology, publisher confirms, listener containers.
 */
@NullMarked
package io.taskq.broker.rabbit;

import org.jspecify.annotations.NullMarked;
