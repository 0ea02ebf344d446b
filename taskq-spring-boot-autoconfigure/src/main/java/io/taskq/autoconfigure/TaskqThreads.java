package io.taskq.autoconfigure;

import java.util.concurrent.ThreadFactory;

import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads of taskq's own executors, named with a prefix: virtual threads when
 * {@code spring.threads.virtual.enabled} is set and the JVM has them (Boot's {@link Threading#VIRTUAL}), daemon
 * platform threads otherwise.
 */
final class TaskqThreads {

	private TaskqThreads() {
	}

	/**
	 * Threads as the environment asks for.
	 * @param environment the environment
	 * @param prefix the prefix of their names
	 * @return the thread factory
	 */
	static ThreadFactory of(Environment environment, String prefix) {
		return of(Threading.VIRTUAL.isActive(environment), prefix);
	}

	/**
	 * Virtual or platform threads.
	 * @param virtual whether the threads are virtual (Java 21 and later)
	 * @param prefix the prefix of their names
	 * @return the thread factory
	 */
	static ThreadFactory of(boolean virtual, String prefix) {
		if (virtual) {
			return new VirtualThreadTaskExecutor(prefix).getVirtualThreadFactory();
		}
		CustomizableThreadFactory platform = new CustomizableThreadFactory(prefix);
		platform.setDaemon(true);
		return platform;
	}

}
