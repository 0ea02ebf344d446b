/**
 * Auto-configuration for taskq.
 */
@NullMarked
package io.taskq.autoconfigure;

import org.jspecify.annotations.NullMarked;
