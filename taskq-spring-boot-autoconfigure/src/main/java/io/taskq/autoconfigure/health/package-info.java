/**
 * Auto-configuration of taskq's health contributor.
 */
@NullMarked
package io.taskq.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
