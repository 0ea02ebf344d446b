/**
 * Celery's remote control ("pidbox"): the broadcast commands a worker obeys, such as revoke.
 */
@NullMarked
package io.taskq.control;

import org.jspecify.annotations.NullMarked;
