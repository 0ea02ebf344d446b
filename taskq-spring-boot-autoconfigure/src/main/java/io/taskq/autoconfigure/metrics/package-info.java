/**
 * Auto-configuration of taskq's Micrometer meters.
 */
@NullMarked
package io.taskq.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
