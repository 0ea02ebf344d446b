package io.taskq.worker;

import java.time.Duration;

/**
 * How a worker runs tasks and stores their outcomes.
 *
 * @param nodeName this worker's node name (Celery's {@code hostname}, stored with STARTED states)
 * @param trackStarted whether STARTED is stored when a task begins (Celery's {@code task_track_started})
 * @param resultExpires how long stored states are kept
 * @param extendedResults whether results carry name, args, kwargs, worker, retries and queue (Celery's
 * {@code result_extended})
 * @param maxMessageSize the largest message body accepted, in bytes; larger ones are dead-lettered
 * @param leaseAfter how long a task runs before its delivery switches to a lease (to outlive RabbitMQ's
 * consumer timeout)
 * @param lease how far ahead a lease reaches; a dead worker's task is published again this long after it died
 * @param maxRedeliveries how many times a message may be redelivered without any delivery reaching an outcome
 * before it is dead-lettered as poison; negative never to
 */
public record TaskWorkerSettings(String nodeName, boolean trackStarted, Duration resultExpires,
		boolean extendedResults, long maxMessageSize, Duration leaseAfter, Duration lease, int maxRedeliveries) {
}
