/**
 * Actuator health contributor for taskq workers.
 */
@NullMarked
package io.taskq.health;

import org.jspecify.annotations.NullMarked;
