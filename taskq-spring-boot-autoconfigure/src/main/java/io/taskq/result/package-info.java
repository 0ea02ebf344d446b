/**
 * Result store SPI and its Redis implementation in Celery's result backend format.
 */
@NullMarked
package io.taskq.result;

import org.jspecify.annotations.NullMarked;
