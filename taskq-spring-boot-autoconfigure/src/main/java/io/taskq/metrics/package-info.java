/**
 * Micrometer meters for taskq.
 */
@NullMarked
package io.taskq.metrics;

import org.jspecify.annotations.NullMarked;
