/**
 * The taskq sample application: the seed use cases of a Celery user, one sub-package per feature.
 */
@NullMarked
package io.taskq.sample;

import org.jspecify.annotations.NullMarked;
