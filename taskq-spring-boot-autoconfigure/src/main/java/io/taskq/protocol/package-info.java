/**
 * Celery message protocol v2 with JSON bodies: encoding and decoding of task messages.
 */
@NullMarked
package io.taskq.protocol;

import org.jspecify.annotations.NullMarked;
