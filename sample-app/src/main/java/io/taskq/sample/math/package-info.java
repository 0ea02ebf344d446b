/**
 * Arithmetic and waiting tasks.
 */
@NullMarked
package io.taskq.sample.math;

import org.jspecify.annotations.NullMarked;
