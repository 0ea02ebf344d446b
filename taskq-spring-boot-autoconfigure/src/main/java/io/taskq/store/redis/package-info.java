/**
 * The stores on Redis. Every key expires.
 */
@NullMarked
package io.taskq.store.redis;

import org.jspecify.annotations.NullMarked;
