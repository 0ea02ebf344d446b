/**
 * REST API to enqueue any task by name and read its state.
 */
@NullMarked
package io.taskq.sample.api;

import org.jspecify.annotations.NullMarked;
