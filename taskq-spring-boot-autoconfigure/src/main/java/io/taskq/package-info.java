/**
 * taskq: Celery-style distributed task queues for Spring Boot. This package holds the base class of the
 * exceptions taskq throws; the rest lives in the packages below, as {@code docs/architecture.md} describes.
 */
@NullMarked
package io.taskq;

import org.jspecify.annotations.NullMarked;
