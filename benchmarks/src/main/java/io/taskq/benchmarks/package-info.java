/**
 * A benchmark of taskq against plain Spring AMQP on the local RabbitMQ and Redis, and optionally against Python
 * Celery; run {@link BenchmarkApplication}.
 */
@NullMarked
package io.taskq.benchmarks;

import org.jspecify.annotations.NullMarked;
