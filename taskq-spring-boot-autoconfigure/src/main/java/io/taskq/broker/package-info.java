/**
 * The message broker behind one interface: declare, publish with confirms, consume.
 */
@NullMarked
package io.taskq.broker;

import org.jspecify.annotations.NullMarked;
