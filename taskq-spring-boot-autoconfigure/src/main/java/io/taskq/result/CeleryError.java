package io.taskq.result;

/**
 * A Java exception that stands for one of Celery's own exceptions, stored under Celery's type and module so a
 * Python caller rebuilds the real class (for example {@code celery.exceptions.TimeLimitExceeded}).
 */
public interface CeleryError {

	/**
	 * Celery's exception type, such as {@code "TimeLimitExceeded"}.
	 * @return the type name
	 */
	String celeryType();

	/**
	 * Celery's module of that type.
	 * @return the module, by default {@code "celery.exceptions"}
	 */
	default String celeryModule() {
		return "celery.exceptions";
	}

}
